using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sessions.Grains;

/// <summary>
/// Reads this silo's row of the membership table every eighth of <see cref="SiloMembership.Window"/> into
/// <see cref="SiloMembership"/>: any status but Dead confirms the silo from the start of the read; Dead makes it refuse
/// every session call until the runtime stops it.
/// </summary>
/// <remarks>
/// Runs from before the silo joins until after its activations are gone (application services stage), so a graceful
/// shutdown's moves are still served. A read that hangs (a silo cut off from the database) is abandoned after a
/// window, which has run out by then. Reads on the lease clock, like the window.
/// </remarks>
internal sealed class SiloMembershipConfirmer(
    SiloMembership membership,
    IMembershipTable table,
    ILocalSiloDetails silo,
    [FromKeyedServices(ReadLeaseOptions.TimeProviderKey)] TimeProvider clock,
    ILogger<SiloMembershipConfirmer> logger)
    : PeriodicSiloWork(ServiceLifecycleStage.ApplicationServices, membership.Window / 8, clock)
{
    private bool _lapsedReported;

    protected override bool KeepRunning => !membership.DeclaredDead;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => ConfirmAsync();

    /// <summary>One read of the silo's row; never throws (a failed read only leaves the window to run out).</summary>
    internal async Task ConfirmAsync()
    {
        var started = Clock.GetTimestamp();
        try
        {
            using var limit = new CancellationTokenSource(membership.Window, Clock); // a hung read is abandoned, not waited for
            var row = (await table.ReadRowAsync(silo.SiloAddress, limit.Token)).TryGet(silo.SiloAddress)?.Item1;
            if (row?.Status == SiloStatus.Dead)
            {
                membership.MarkDeclaredDead();
                logger.SiloDeclaredDead();
                return;
            }

            if (row is null)
            {
                return; // not joined yet, or the table was cleared: nothing to confirm
            }

            membership.Confirm(started);
            if (_lapsedReported)
            {
                _lapsedReported = false;
                logger.MembershipConfirmedAgain();
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            if (membership.Remaining == TimeSpan.Zero && !_lapsedReported)
            {
                _lapsedReported = true;
                logger.MembershipUnconfirmed(membership.Window, exception);
            }
        }
    }
}
