using Orleans.Storage;

namespace Sessions.Grains;

/// <summary>
/// Session records in memory (<c>Silo:Storage=Memory</c>, and tests): kept by Orleans' memory grain storage
/// (<paramref name="storage"/>), shared by the silos of the cluster, through a state object of its own. With
/// <paramref name="events"/>, a change's lifecycle event is appended to <see cref="IMemorySessionEventLogGrain"/> once the
/// change is stored; memory mode keeps nothing across a restart, so the event is as durable as the session it describes.
/// </summary>
public sealed class MemorySessionStateStore(IGrainStorage storage, IGrainFactory? events) : ISessionStateStore
{
    private const string StateName = "session";

    private static readonly GrainType SessionType = GrainType.Create("session");

    public async Task<StoredSessionState?> ReadAsync(string grainKey, CancellationToken cancellationToken)
    {
        var stored = new GrainState<SessionState>();
        await storage.ReadStateAsync(StateName, Id(grainKey), stored, cancellationToken);
        return stored is { RecordExists: true, State: { } state, ETag: { } etag } ? new StoredSessionState(state, etag) : null;
    }

    public async Task<string> WriteAsync(
        string grainKey, string? expectedETag, SessionState state, SessionLifecycleEvent? lifecycleEvent, CancellationToken cancellationToken)
    {
        var written = new GrainState<SessionState>(state, expectedETag) { RecordExists = expectedETag is not null };
        await storage.WriteStateAsync(StateName, Id(grainKey), written, cancellationToken);
        await AppendAsync(lifecycleEvent);
        return written.ETag!;
    }

    public async Task DeleteAsync(string grainKey, string? expectedETag, SessionLifecycleEvent? lifecycleEvent, CancellationToken cancellationToken)
    {
        var cleared = new GrainState<SessionState>(new SessionState(), expectedETag) { RecordExists = expectedETag is not null };
        await storage.ClearStateAsync(StateName, Id(grainKey), cleared, cancellationToken);
        if (expectedETag is not null)
        {
            await AppendAsync(lifecycleEvent); // a session that never reached storage neither starts nor ends there
        }
    }

    private static GrainId Id(string grainKey) => GrainId.Create(SessionType, grainKey);

    private async Task AppendAsync(SessionLifecycleEvent? lifecycleEvent)
    {
        if (lifecycleEvent is not null && events is not null)
        {
            await events.GetGrain<IMemorySessionEventLogGrain>(0).AppendAsync(lifecycleEvent);
        }
    }
}
