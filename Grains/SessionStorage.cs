namespace Sessions.Grains;

/// <summary>Names under which session state is kept.</summary>
public static class SessionStorage
{
    /// <summary>The grain storage provider that holds session state.</summary>
    public const string ProviderName = "sessions";

    /// <summary>The state name of <see cref="SessionGrain"/>'s state inside that provider.</summary>
    public const string StateName = "session";
}
