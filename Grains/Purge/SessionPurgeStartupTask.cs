namespace Sessions.Grains;

/// <summary>Makes sure the purge reminder exists once this silo has started (idempotent; every silo runs it).</summary>
internal sealed class SessionPurgeStartupTask(IGrainFactory grains) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken) =>
        await grains.GetGrain<ISessionPurgeGrain>(0).EnsureScheduledAsync(cancellationToken);
}
