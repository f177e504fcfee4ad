using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;

namespace Sessions.Grains;

/// <summary>
/// The end-all generation of the deployment, persisted apart from sessions. An end-all stores the next generation
/// first (silos that start later read it), then hands it to every active silo and reports those that did not confirm.
/// With read leases on, it answers only once every lease granted before the silos knew the generation has run out
/// (frontends may serve an ended session from memory until then; from then on no silo grants one).
/// </summary>
public sealed class DeploymentEpochGrain(
    [PersistentState("epoch", SessionStorage.DirectoryProviderName)] IPersistentState<DeploymentEpochState> state,
    TimeProvider time,
    SessionLeaseSettings leases,
    ILogger<DeploymentEpochGrain> logger) : Grain, IDeploymentEpochGrain
{
    public async ValueTask<EndAllOutcome> EndAllAsync(CancellationToken cancellationToken = default)
    {
        state.State.Generation++;
        state.State.Cutoff = time.GetUtcNow();
        await state.WriteStateAsync(cancellationToken);
        var generation = state.State.Generation;
        var silos = (await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.ToList();
        var confirmed = await Task.WhenAll(silos.Select(silo => PushAsync(silo, generation, cancellationToken)));
        var unconfirmed = silos.Where((_, i) => !confirmed[i]).Select(Name).Order(StringComparer.Ordinal).ToImmutableArray();
        if (leases.Enabled)
        {
            await Task.Delay(SessionLease.GrantorBound(leases.Duration), leases.Clock, cancellationToken);
        }

        if (unconfirmed.IsEmpty)
        {
            logger.AllSessionsEnded(generation, silos.Count);
        }
        else
        {
            logger.EndAllUnconfirmed(generation, string.Join(", ", unconfirmed));
        }

        return new EndAllOutcome(generation, unconfirmed);
    }

    public ValueTask<long> GetGenerationAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(state.State.Generation);

    public async ValueTask<DateTimeOffset> EndAllSessionsAsync(CancellationToken cancellationToken = default)
    {
        var outcome = await EndAllAsync(cancellationToken);
        return outcome.Confirmed
            ? state.State.Cutoff
            : throw new OrleansException($"End-all generation {outcome.Generation} is stored, but silos {string.Join(", ", outcome.UnconfirmedSilos)} did not confirm it.");
    }

    public ValueTask<DateTimeOffset> GetCutoffAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(state.State.Cutoff);

    /// <summary>A silo as <see cref="SiloView"/> names it.</summary>
    private static string Name(SiloAddress silo) => $"{silo.Endpoint.Address}:{silo.Endpoint.Port}";

    private async Task<bool> PushAsync(SiloAddress silo, long generation, CancellationToken cancellationToken)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            return await GrainFactory.GetGrain<ISiloSessionEpochGrain>(silo.ToParsableString()).AdvanceAsync(generation, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.EpochPushFailed(Name(silo), exception);
            return false;
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }
}
