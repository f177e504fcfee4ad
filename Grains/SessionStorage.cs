namespace Sessions.Grains;

/// <summary>Names under which session state is kept.</summary>
public static class SessionStorage
{
    /// <summary>The grain storage provider that holds session state.</summary>
    public const string ProviderName = "sessions";

    /// <summary>
    /// The grain storage provider of the per-user session indexes and the deployment epoch: apart from session rows, so
    /// the purge of abandoned sessions never removes them.
    /// </summary>
    public const string DirectoryProviderName = "sessions-directory";

    /// <summary>The state name of <see cref="SessionGrain"/>'s state inside that provider.</summary>
    public const string StateName = "session";
}
