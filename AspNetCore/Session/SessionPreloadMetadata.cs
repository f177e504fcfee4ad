namespace Sessions.AspNetCore;

/// <summary>
/// Endpoint metadata: this endpoint never reads the whole session and, when it writes, commits before it responds, so
/// the session is neither preloaded nor loaded before a write.
/// </summary>
public sealed class SessionPreloadMetadata
{
    public static SessionPreloadMetadata Disabled { get; } = new();

    private SessionPreloadMetadata()
    {
    }
}
