namespace Sessions.Grains;

/// <summary>Names under which session state is kept.</summary>
public static class SessionStorage
{
    /// <summary>
    /// The name under which session storage is configured (<c>AddSessionsMemoryStorage(ProviderName)</c> makes the
    /// memory <see cref="ISessionStateStore"/>); session grains use the registered store, not an Orleans provider.
    /// </summary>
    public const string ProviderName = "sessions";

    /// <summary>
    /// The grain storage provider of the per-user session indexes and the deployment epoch: apart from session rows, so
    /// the purge of abandoned sessions never removes them.
    /// </summary>
    public const string DirectoryProviderName = "sessions-directory";

    /// <summary>The state name of session state in Orleans' ADO.NET table (the retired engine's rows, which the purge still removes).</summary>
    public const string StateName = "session";
}
