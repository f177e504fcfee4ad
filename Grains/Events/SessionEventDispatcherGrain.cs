using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sessions.Grains;

/// <summary>
/// Hands the event outbox to the subscribers, oldest first, and deletes a batch once every subscriber took it: at
/// least once, never lost. A keep-alive timer polls; a reminder reactivates the grain on another silo after its silo
/// went (the outbox keeps the events meanwhile).
/// </summary>
public sealed class SessionEventDispatcherGrain(
    IOptions<AnalyticsOptions> options,
    IServiceProvider services,
    ILogger<SessionEventDispatcherGrain> logger) : Grain, ISessionEventDispatcherGrain, IRemindable
{
    public const string ReminderName = "session-events";

    private readonly ISessionEventOutbox? _outbox = services.GetService<ISessionEventOutbox>();
    private readonly ISessionEventSubscriber[] _subscribers = [.. services.GetServices<ISessionEventSubscriber>()];
    private IGrainTimer? _poll;

    public async ValueTask StartAsync(CancellationToken cancellationToken = default)
    {
        if (_outbox is null)
        {
            logger.EventsUnavailable();
            return;
        }

        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), cancellationToken);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_outbox is not null)
        {
            var interval = options.Value.EventPollInterval;
            _poll = this.RegisterGrainTimer(PollAsync, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
        }

        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask; // activation is the point

    public async ValueTask<int> DispatchNowAsync(CancellationToken cancellationToken = default) =>
        _outbox is null ? 0 : await DispatchAsync(cancellationToken);

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            await DispatchAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.EventOutboxFailed(exception);
        }
    }

    private async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        var batchSize = options.Value.EventBatchSize;
        var delivered = 0;
        while (true)
        {
            var batch = await _outbox!.ReadOldestAsync(batchSize, cancellationToken);
            if (batch.Count == 0 || !await DeliverAsync(batch, cancellationToken))
            {
                return delivered;
            }

            await _outbox.DeleteAsync([.. batch.Select(e => e.Sequence)], cancellationToken);
            delivered += batch.Count;
            if (batch.Count < batchSize)
            {
                return delivered;
            }
        }
    }

    private async Task<bool> DeliverAsync(IReadOnlyList<SessionLifecycleEvent> batch, CancellationToken cancellationToken)
    {
        foreach (var subscriber in _subscribers)
        {
            try
            {
                await subscriber.HandleAsync(batch, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.EventDeliveryFailed(batch.Count, subscriber.GetType().Name, exception);
                return false;
            }
        }

        return true;
    }
}
