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
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private bool _lapsedReported;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloMembershipConfirmer), ServiceLifecycleStage.ApplicationServices, StartAsync, StopAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await ConfirmAsync();
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(membership.Window / 8, clock);
        try
        {
            while (!membership.DeclaredDead && await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ConfirmAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One read of the silo's row; never throws (a failed read only leaves the window to run out).</summary>
    internal async Task ConfirmAsync()
    {
        var started = clock.GetTimestamp();
        try
        {
            using var limit = new CancellationTokenSource(membership.Window, clock); // a hung read is abandoned, not waited for
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
