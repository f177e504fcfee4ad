namespace Sessions.Grains;

/// <summary>The silo-side half of a rotation or sign-in: a session grain taking on a session under a new key.</summary>
[Alias("sessions.ISessionHandover")]
public interface ISessionHandover : IGrainWithStringKey
{
    /// <summary>Takes over <paramref name="state"/> (written to storage before answering) and describes the session.</summary>
    [Alias("Adopt")]
    ValueTask<SessionInfo> AdoptAsync(SessionState state, CancellationToken cancellationToken = default);

    /// <summary>Starts a new session signed in as <paramref name="login"/>.</summary>
    [Alias("StartSignedIn")]
    ValueTask<SessionInfo> StartSignedInAsync(SessionLogin login, CancellationToken cancellationToken = default);
}
