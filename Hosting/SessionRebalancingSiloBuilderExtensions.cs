using Orleans.Configuration;
using Sessions.Grains;

namespace Sessions.Hosting;

public static class SessionRebalancingSiloBuilderExtensions
{
    /// <summary>
    /// Orleans' activation rebalancer when <see cref="SessionActivationOptions.Rebalancing"/> is on (cluster membership
    /// only: one silo has nothing to balance), sooner and in shorter cycles than Orleans' defaults so that a silo added
    /// under load takes its share within a minute. Experimental in Orleans 10 (ORLEANSEXP002): its API may change, not
    /// its effect, and sessions move by live migration (<see cref="Sessions.Grains.SessionGrain.OnDehydrate"/>), so a move loses nothing.
    /// </summary>
    public static ISiloBuilder AddSessionRebalancing(this ISiloBuilder silo, SessionActivationOptions activation)
    {
        if (!activation.Rebalancing)
        {
            return silo;
        }

#pragma warning disable ORLEANSEXP002
        silo.AddActivationRebalancer();
#pragma warning restore ORLEANSEXP002
        silo.Configure<ActivationRebalancerOptions>(rebalancer =>
        {
            rebalancer.RebalancerDueTime = activation.RebalancingDueTime;
            rebalancer.SessionCyclePeriod = activation.RebalancingCyclePeriod;
            rebalancer.CycleNumberWeight = activation.RebalancingCycleWeight;
        });
        return silo;
    }
}
