namespace Sessions.Grains;

/// <summary>
/// Work a silo does once when it reaches a lifecycle stage (its start waits for that first run) and then every
/// interval on a clock until it stops (its stop waits for the run in progress).
/// </summary>
internal abstract class PeriodicSiloWork(int stage, TimeSpan interval, TimeProvider clock) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    /// <summary>The clock the runs are timed on.</summary>
    protected TimeProvider Clock { get; } = clock;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(GetType().Name, stage, StartAsync, StopAsync);

    /// <summary>One run; throws only when <paramref name="cancellationToken"/> is cancelled.</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>False ends the runs for good.</summary>
    protected virtual bool KeepRunning => true;

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await RunOnceAsync(cancellationToken);
        _loop = Task.Run(() => LoopAsync(_stopping.Token), CancellationToken.None);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, Clock);
        try
        {
            while (KeepRunning && await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
