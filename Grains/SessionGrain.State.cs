namespace Sessions.Grains;

/// <summary>
/// The session's stored record, kept by the grain itself and written through the silo's <see cref="ISessionStateStore"/>.
/// Orleans' persistent-state facet would add a state bridge, a lifecycle subscription and a migration participant to
/// every activation, about 0.3 KiB each (dotnet-gcdump); the grain keeps state and version in two fields instead, and
/// passes the lifecycle event a change carries as an argument.
/// </summary>
public sealed partial class SessionGrain
{
    private SessionState _state = new();
    private string? _etag;
    private bool _recordExists;

    /// <summary>The session was created here and its start is not stored yet: its first write carries the start event.</summary>
    private bool _startUnstored;

    /// <summary>Unstored page views or interactions (<see cref="RecordVisitAsync"/>): they go with the next write.</summary>
    private bool _visitsUnstored;

    private ISessionStateStore Store => settings.Store;

    private string GrainKey => this.GetPrimaryKeyString();

    // An operation asked for with a cancelled token does not start (an ungraceful shutdown cancels the deactivation's
    // token, and nothing may reach storage then that a crash would not have written).
    private async Task ReadStateAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stored = await Store.ReadAsync(GrainKey, cancellationToken);
        (_state, _etag, _recordExists) = stored is null ? (new SessionState(), null, false) : (stored.State, stored.ETag, true);
    }

    private async Task WriteStateAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var starting = _startUnstored && _etag is null;
        var visitsUnstored = _visitsUnstored;
        _visitsUnstored = false; // a visit recorded while an interleaved flush is under way sets it again
        try
        {
            _etag = await Store.WriteAsync(GrainKey, _etag, _state, starting ? StartEvent() : null, cancellationToken);
            _recordExists = true;
        }
        catch
        {
            _visitsUnstored |= visitsUnstored;
            throw;
        }

        _startUnstored &= !starting;
        settings.Metrics.StorageWritten(started);
    }

    /// <summary>Deletes the stored session; <paramref name="ended"/>, if any, is stored with the delete.</summary>
    private async Task ClearStateAsync(SessionLifecycleEvent? ended, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Store.DeleteAsync(GrainKey, _etag, ended, cancellationToken);
        (_state, _etag, _recordExists) = (new SessionState(), null, false);
    }

    private SessionLifecycleEvent StartEvent() => new(
        0, SessionEventKind.Started, Handle, _state.UserId, _state.CreatedAt, _state.CreatedAt, null, 0, 0);

    private SessionLifecycleEvent EndEvent(SessionEndReason reason, DateTimeOffset endedAt) => new(
        0, SessionEventKind.Ended, Handle, _state.UserId, _state.CreatedAt, endedAt, reason, _state.PageViews, _state.Interactions);
}
