using Orleans.Storage;

namespace Sessions.Grains;

/// <summary>
/// The session's stored state, kept by the grain itself and written through the session grain storage
/// (<see cref="SessionStorage.ProviderName"/>). Orleans' persistent-state facet would add a state bridge, a lifecycle
/// subscription and a migration participant to every activation, about 0.3 KiB each (dotnet-gcdump); sessions do not
/// migrate, so the grain is its own <see cref="IGrainState{T}"/>.
/// </summary>
public sealed partial class SessionGrain : IGrainState<SessionState>, ISessionEventSource
{
    private SessionState _state = new();
    private string? _etag;
    private bool _recordExists;

    /// <summary>The session was created here and its start is not stored yet: its first write carries the start event.</summary>
    private bool _startUnstored;

    /// <summary>Unstored page views or interactions (<see cref="RecordVisitAsync"/>): they go with the next write.</summary>
    private bool _visitsUnstored;

    public SessionLifecycleEvent? PendingEvent { get; private set; }

    SessionState? IGrainState<SessionState>.State
    {
        get => _state;
        set => _state = value ?? new SessionState();
    }

    string? IGrainState<SessionState>.ETag
    {
        get => _etag;
        set => _etag = value;
    }

    bool IGrainState<SessionState>.RecordExists
    {
        get => _recordExists;
        set => _recordExists = value;
    }

    private IGrainStorage Storage => settings.Storage;

    // As with Orleans' facet, an operation asked for with a cancelled token does not start (an ungraceful shutdown
    // cancels the deactivation's token, and nothing may reach storage then that a crash would not have written).
    private Task ReadStateAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Storage.ReadStateAsync(SessionStorage.StateName, this.GetGrainId(), this, cancellationToken);
    }

    private async Task WriteStateAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var starting = _startUnstored && _etag is null;
        PendingEvent = starting ? StartEvent() : null;
        var visitsUnstored = _visitsUnstored;
        _visitsUnstored = false; // a visit recorded while an interleaved flush is under way sets it again
        try
        {
            await Storage.WriteStateAsync(SessionStorage.StateName, this.GetGrainId(), this, cancellationToken);
        }
        catch
        {
            _visitsUnstored |= visitsUnstored;
            throw;
        }
        finally
        {
            PendingEvent = null;
        }

        _startUnstored &= !starting;
        settings.Metrics.StorageWritten(started);
    }

    /// <summary>Deletes the stored session; <paramref name="ended"/>, if any, is stored with the delete.</summary>
    private async Task ClearStateAsync(SessionLifecycleEvent? ended, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        PendingEvent = ended;
        try
        {
            await Storage.ClearStateAsync(SessionStorage.StateName, this.GetGrainId(), this, cancellationToken);
        }
        finally
        {
            PendingEvent = null;
        }
    }

    private SessionLifecycleEvent StartEvent() => new(
        0, SessionEventKind.Started, Handle, _state.UserId, _state.CreatedAt, _state.CreatedAt, null, 0, 0);

    private SessionLifecycleEvent EndEvent(SessionEndReason reason, DateTimeOffset endedAt) => new(
        0, SessionEventKind.Ended, Handle, _state.UserId, _state.CreatedAt, endedAt, reason, _state.PageViews, _state.Interactions);
}
