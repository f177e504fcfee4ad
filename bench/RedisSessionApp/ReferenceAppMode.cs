namespace Sessions.Bench.RedisSessionApp;

/// <summary>What the reference app serves (<c>Bench:Mode</c>).</summary>
public enum ReferenceAppMode
{
    /// <summary>The stock ASP.NET Core session on a Redis distributed cache, behind Sessions' REST shape.</summary>
    RedisSession,

    /// <summary>Kestrel and routing only: a constant body, no session, no Redis.</summary>
    Bare,
}
