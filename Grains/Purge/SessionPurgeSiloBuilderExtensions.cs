using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Sessions.Grains;

public static class SessionPurgeSiloBuilderExtensions
{
    /// <summary>
    /// Schedules the purge of abandoned sessions when the silo starts (<see cref="ISessionPurgeGrain"/>). It runs only
    /// when <see cref="SessionPurgeOptions.Enabled"/> and an <see cref="ISessionRowPurger"/> is registered (the SQLite
    /// and PostgreSQL storage registrations add one); then the silo needs a reminder service. A purge interval shorter
    /// than Orleans' minimum reminder period lowers that minimum to the interval.
    /// </summary>
    public static ISiloBuilder AddSessionPurge(this ISiloBuilder silo)
    {
        silo.AddStartupTask<SessionPurgeStartupTask>();
        silo.Services.AddOptions<ReminderOptions>().PostConfigure<IOptions<SessionPurgeOptions>>((reminders, purge) =>
        {
            var interval = purge.Value.Interval;
            if (purge.Value.Enabled && interval > TimeSpan.Zero && interval < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = interval;
            }
        });
        return silo;
    }
}
