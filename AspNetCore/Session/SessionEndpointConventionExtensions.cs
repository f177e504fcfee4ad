namespace Sessions.AspNetCore;

public static class SessionEndpointConventionExtensions
{
    /// <summary>
    /// Marks endpoints that never read the whole session (single values, writes that commit before responding, health
    /// probes): eager loading does not fetch their session in advance, which saves a grain call per request.
    /// </summary>
    public static TBuilder WithoutSessionPreload<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(SessionPreloadMetadata.Disabled);
}
