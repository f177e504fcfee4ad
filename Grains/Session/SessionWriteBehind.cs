using Microsoft.Extensions.Logging;

namespace Sessions.Grains;

/// <summary>
/// The write-behind flush of one session: its timer, whether a flush is scheduled, and the flush under way. The timer
/// interleaves with the session's requests, so they need not wait while its batch commits (the state is serialized at
/// once; changes made meanwhile stay pending for the next flush). Created with an activation's first write-behind
/// change: write-through activations never have one.
/// </summary>
internal sealed class SessionWriteBehind(SessionRecord record, SessionGrain grain)
{
    private IGrainTimer? _timer;

    /// <summary>The flush under way, if any: it runs beside the session's requests, not in their turn.</summary>
    private Task? _flushing;
    private bool _scheduled;

    /// <summary>Schedules a flush one interval from now, unless one is scheduled.</summary>
    public void Schedule()
    {
        if (_scheduled)
        {
            return;
        }

        _scheduled = true;
        var due = grain.Settings.Persistence.WriteBehindInterval;
        if (_timer is null)
        {
            _timer = grain.RegisterGrainTimer(
                static (flush, cancellationToken) => flush.OnTimerAsync(cancellationToken), this,
                new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = true });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Waits for the flush under way, so that one storage operation at a time runs on the state; its failure is the
    /// flush's to report (it keeps the changes pending).
    /// </summary>
    public async ValueTask WaitAsync()
    {
        while (_flushing is { IsCompleted: false } flush)
        {
            // Stays on the grain's scheduler (ContinueOnCapturedContext).
            await flush.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }

    /// <summary>Stops the timer; nothing is scheduled until the next <see cref="Schedule"/>.</summary>
    public void Stop()
    {
        _timer?.Dispose();
        _timer = null;
        _scheduled = false;
    }

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        _scheduled = false;
        await WaitAsync();
        if (record.PendingCount == 0)
        {
            return;
        }

        var flush = record.FlushAsync(cancellationToken).AsTask();
        _flushing = flush;
        try
        {
            await flush;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            grain.Settings.Logger.WriteBehindFlushFailed(record.Fingerprint, record.PendingCount, exception);
            Schedule(); // keep the changes and try again next interval
        }
        finally
        {
            _flushing = null;
        }
    }
}
