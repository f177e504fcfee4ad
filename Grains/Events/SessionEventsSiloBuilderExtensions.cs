namespace Sessions.Grains;

public static class SessionEventsSiloBuilderExtensions
{
    /// <summary>
    /// Starts the session event dispatcher with the silo (its reminder brings it back after a silo loss) and the
    /// analytics grain that pulls page views. Events exist when the storage registered an <see cref="ISessionEventOutbox"/>.
    /// </summary>
    public static ISiloBuilder AddSessionEvents(this ISiloBuilder silo) => silo.AddStartupTask<SessionEventsStartupTask>();
}
