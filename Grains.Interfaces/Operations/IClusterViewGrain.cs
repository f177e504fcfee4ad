namespace Sessions.Grains.Interfaces;

/// <summary>The cluster as operators see it (one grain, key 0): the membership and each active silo's live sessions.</summary>
[Alias("sessions.IClusterViewGrain")]
public interface IClusterViewGrain : IGrainWithIntegerKey
{
    [Alias("Get")]
    ValueTask<ClusterView> GetAsync(CancellationToken cancellationToken = default);
}
