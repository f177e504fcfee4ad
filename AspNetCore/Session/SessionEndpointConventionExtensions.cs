namespace Sessions.AspNetCore;

public static class SessionEndpointConventionExtensions
{
    /// <summary>
    /// Marks endpoints that read single values or write and commit before responding, never the whole session: their
    /// session is not loaded, in advance or before a write, which saves a grain call per request.
    /// </summary>
    public static TBuilder WithoutSessionPreload<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(SessionPreloadMetadata.Disabled);
}
