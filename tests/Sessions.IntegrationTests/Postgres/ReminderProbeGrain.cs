namespace Sessions.Tests.Postgres;

public sealed class ReminderProbeGrain(ReminderProbe probe) : Grain, IReminderProbeGrain, IRemindable
{
    public Task StartAsync(string reminderName, TimeSpan period, CancellationToken cancellationToken = default) =>
        this.RegisterOrUpdateReminder(reminderName, period, period, cancellationToken);

    public async Task StopAsync(string reminderName, CancellationToken cancellationToken = default)
    {
        var reminder = await this.GetReminder(reminderName, cancellationToken);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder, cancellationToken);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        probe.Fired(this.GetPrimaryKeyString(), reminderName);
        return Task.CompletedTask;
    }
}
