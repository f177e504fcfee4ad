using Orleans.Storage;

namespace Sessions.Grains;

/// <summary>
/// The session's stored state, kept by the grain itself and written through the session grain storage
/// (<see cref="SessionStorage.ProviderName"/>). Orleans' persistent-state facet would add a state bridge, a lifecycle
/// subscription and a migration participant to every activation, about 0.3 KiB each (dotnet-gcdump); sessions do not
/// migrate, so the grain is its own <see cref="IGrainState{T}"/>.
/// </summary>
public sealed partial class SessionGrain : IGrainState<SessionState>
{
    private SessionState _state = new();
    private string? _etag;
    private bool _recordExists;

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
        await Storage.WriteStateAsync(SessionStorage.StateName, this.GetGrainId(), this, cancellationToken);
        settings.Metrics.StorageWritten(started);
    }

    private Task ClearStateAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Storage.ClearStateAsync(SessionStorage.StateName, this.GetGrainId(), this, cancellationToken);
    }
}
