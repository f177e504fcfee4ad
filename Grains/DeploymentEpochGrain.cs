using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;

namespace Sessions.Grains;

/// <summary>
/// The end-all cut-off of the deployment, persisted apart from sessions; a new cut-off is handed to every active silo
/// before the call answers, so no session created before it is served afterwards.
/// </summary>
public sealed class DeploymentEpochGrain(
    [PersistentState("epoch", SessionStorage.DirectoryProviderName)] IPersistentState<DeploymentEpochState> state,
    TimeProvider time,
    ILogger<DeploymentEpochGrain> logger) : Grain, IDeploymentEpochGrain
{
    public async ValueTask<DateTimeOffset> EndAllSessionsAsync(CancellationToken cancellationToken = default)
    {
        state.State.Cutoff = time.GetUtcNow();
        await state.WriteStateAsync(cancellationToken);
        var silos = await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var pushes = silos.Keys.Select(silo => PushAsync(silo, state.State.Cutoff));
        await Task.WhenAll(pushes);
        logger.AllSessionsEnded(state.State.Cutoff, silos.Count);
        return state.State.Cutoff;
    }

    public ValueTask<DateTimeOffset> GetCutoffAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(state.State.Cutoff);

    private async Task PushAsync(SiloAddress silo, DateTimeOffset cutoff)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            await GrainFactory.GetGrain<ISiloSessionEpochGrain>(silo.ToParsableString()).AdvanceAsync(cutoff);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.EpochPushFailed(silo.ToString(), exception); // that silo re-reads the cut-off within its refresh interval
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }
}
