using Sessions.Configuration;

namespace Sessions.Grains;

/// <summary>How long a session stays in memory. Bound from the <c>SessionActivation</c> configuration section.</summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Silo)]
public sealed class SessionActivationOptions
{
    public const string SectionName = "SessionActivation";

    /// <summary>A session not called for this long leaves memory (its last access is persisted first); the next request loads it again. Well below the idle timeout, so idle sessions cost no memory.</summary>
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most sessions one silo holds in memory; beyond it new sessions are refused (429) until some leave. The default fits well over a million small sessions in a few GiB.</summary>
    public long MaxActiveSessions { get; set; } = 2_000_000;

    /// <summary>Most bytes of session data (keys and values) one silo holds in memory; beyond it new or growing sessions are refused (429).</summary>
    public long MaxActiveSessionBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>A graceful silo shutdown moves its sessions to the other silos (live migration) for at most this long; what is left is deactivated as usual.</summary>
    public TimeSpan ShutdownMigrationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Rebalance session activations across silos (Orleans' activation rebalancer, experimental): a silo added to a running cluster takes its share of the sessions in use, moved by live migration.</summary>
    public bool Rebalancing { get; set; } = true;

    /// <summary>How long after the cluster changes the rebalancer first runs (Orleans' default is a minute).</summary>
    public TimeSpan RebalancingDueTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a rebalancing session runs a cycle of moves while the silos are out of balance (Orleans' default: 15 s).</summary>
    public TimeSpan RebalancingCyclePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How quickly a rebalancing session picks up pace, in (0, 1]: its n-th cycle moves a share of the imbalance that
    /// grows as 1 - e^(-weight × n) (Orleans' CycleNumberWeight). With Orleans' default 0.1 a silo added to three under
    /// load took 36-58 s to hold a fifth of the sessions, with 0.3 15-19 s (<c>scripts/fault-suite.sh</c>, add-silo).
    /// </summary>
    public double RebalancingCycleWeight { get; set; } = 0.3;
}
