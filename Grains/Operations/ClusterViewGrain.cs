using Orleans.Runtime.Placement;

namespace Sessions.Grains;

/// <summary>Builds the <see cref="ClusterView"/> from the membership and a count from each active silo.</summary>
public sealed class ClusterViewGrain : Grain, IClusterViewGrain
{
    public async ValueTask<ClusterView> GetAsync(CancellationToken cancellationToken = default)
    {
        var hosts = await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false);
        var silos = await Task.WhenAll(hosts
            .OrderBy(h => h.Value == SiloStatus.Active ? 0 : 1)
            .ThenBy(h => h.Key.ToString(), StringComparer.Ordinal)
            .Select(async h => new SiloView(
                $"{h.Key.Endpoint.Address}:{h.Key.Endpoint.Port}", h.Value.ToString(), h.Value == SiloStatus.Active ? await CountAsync(h.Key) : 0)));
        return new ClusterView(silos);
    }

    private async Task<long> CountAsync(SiloAddress silo)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            return await GrainFactory.GetGrain<ISiloSessionCountGrain>(silo.ToParsableString()).CountAsync();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }
}
