using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sessions.Grains;

/// <summary>
/// Purges abandoned sessions: rows whose session lapsed while no grain ran for it. One grain and one reminder for the
/// whole cluster, whatever the number of sessions. Each tick deletes, in batches, every row older than
/// <see cref="SessionPurgeThreshold"/> by the database's clock, through the silo's <see cref="ISessionRowPurger"/>.
/// </summary>
public sealed class SessionPurgeGrain(
    IOptions<SessionPurgeOptions> purgeOptions,
    IOptions<SessionExpiryOptions> expiryOptions,
    IOptions<SessionPersistenceOptions> persistenceOptions,
    IServiceProvider services,
    ILogger<SessionPurgeGrain> logger) : Grain, ISessionPurgeGrain, IRemindable
{
    /// <summary>The name of the purge reminder.</summary>
    public const string ReminderName = "purge";

    private readonly SessionPurgeOptions _purge = purgeOptions.Value;
    private readonly ISessionRowPurger? _purger = services.GetService<ISessionRowPurger>();

    private TimeSpan Age => SessionPurgeThreshold.Compute(expiryOptions.Value, persistenceOptions.Value, _purge);

    private bool Configured => _purge.Enabled && _purger is not null;

    public async ValueTask<bool> EnsureScheduledAsync(CancellationToken cancellationToken = default)
    {
        if (!Configured)
        {
            return false;
        }

        await this.RegisterOrUpdateReminder(ReminderName, _purge.Interval, _purge.Interval, cancellationToken);
        logger.PurgeScheduled(_purge.Interval, Age);
        return true;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        if (!Configured)
        {
            // A durable reminder outlives a configuration that switched the purge off: remove it.
            var reminder = await this.GetReminder(ReminderName);
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
                logger.PurgeUnscheduled();
            }

            return;
        }

        await PurgeAsync();
    }

    private async Task PurgeAsync()
    {
        var age = Age;
        var started = Stopwatch.GetTimestamp();
        var total = 0;
        try
        {
            int deleted;
            do
            {
                deleted = await _purger!.DeleteBatchAsync(age, _purge.BatchSize, CancellationToken.None);
                total += deleted;
            }
            while (deleted >= _purge.BatchSize);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.PurgeFailed(total, exception); // the next tick tries again
            return;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (total > 0)
        {
            logger.PurgeDeleted(total, age, elapsed.TotalMilliseconds);
        }
        else
        {
            logger.PurgeFoundNothing(age);
        }
    }
}
