namespace Sessions.WebFrontend.Session;

/// <summary>Endpoint metadata: this endpoint never reads the whole session, so do not preload it.</summary>
public sealed class SessionPreloadMetadata
{
    public static SessionPreloadMetadata Disabled { get; } = new();

    private SessionPreloadMetadata()
    {
    }
}
