namespace Sessions.WebFrontend.Session;

public static class SessionEndpointConventionExtensions
{
    /// <summary>Marks endpoints that only write or increment, so the session is not loaded for them in advance.</summary>
    public static TBuilder WithoutSessionPreload<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(SessionPreloadMetadata.Disabled);
}
