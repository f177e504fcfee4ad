using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Sessions.Grains;

/// <summary>
/// A graceful silo shutdown moves the silo's sessions to the remaining silos by live migration, before Orleans
/// deactivates what is left: requests in flight and later ones find their session, state and all, elsewhere. Runs
/// only when another silo is active; bounded by <see cref="SessionActivationOptions.ShutdownMigrationTimeout"/>.
/// </summary>
internal sealed class SessionShutdownMigration(
    SessionActivations activations,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IOptions<SessionActivationOptions> options,
    TimeProvider time,
    ILogger<SessionShutdownMigration> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SessionShutdownMigration), ServiceLifecycleStage.GrainDeactivation + 1, _ => Task.CompletedTask, StopAsync);

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return; // an ungraceful stop: nothing may be moved or stored on the way out, as after a crash
        }

        var others = membership.CurrentSnapshot.Members.Values
            .Count(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(silo.SiloAddress));
        var sessions = activations.Snapshot();
        if (others == 0 || sessions.Count == 0)
        {
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var departed = activations.WhenDepartedAsync(sessions);
        foreach (var session in sessions)
        {
            session.MigrateAway();
        }

        // Whatever has not moved by then is deactivated by Orleans as usual (stored first, read again where next used).
        await Task.WhenAny(departed, Task.Delay(options.Value.ShutdownMigrationTimeout, time, cancellationToken));
        var left = activations.CountPresent(sessions);
        logger.SessionsMigratedOnShutdown(sessions.Count - left, sessions.Count, others, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, left);
    }
}
