namespace Sessions.Tests.Postgres;

/// <summary>A test grain that registers a reminder and reports each tick to <see cref="ReminderProbe"/>.</summary>
[Alias("sessions.tests.IReminderProbeGrain")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    [Alias("Start")]
    Task StartAsync(string reminderName, TimeSpan period, CancellationToken cancellationToken = default);

    [Alias("Stop")]
    Task StopAsync(string reminderName, CancellationToken cancellationToken = default);
}
