namespace Sessions.AspNetCore;

/// <summary>
/// Endpoint metadata: this endpoint never reads the whole session, so eager loading does not fetch it in advance. It
/// changes nothing else: how the endpoint reads and writes is its own code's choice.
/// </summary>
public sealed class SessionPreloadMetadata
{
    public static SessionPreloadMetadata Disabled { get; } = new();

    private SessionPreloadMetadata()
    {
    }
}
