namespace Sessions.Configuration;

/// <summary>
/// Read leases: a frontend that loads a session keeps the snapshot under a lease the session's grain granted and serves
/// reads from its own memory until the lease runs out; before the grain acknowledges any change it revokes every lease
/// it granted and waits for each frontend's confirmation (or the lease's end). Bound from the <c>ReadLeases</c>
/// configuration section; docs/read-leases.md has the design and its guarantees.
/// </summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Silo | ConfigurationReaders.Frontend)]
public sealed class ReadLeaseOptions
{
    public const string SectionName = "ReadLeases";

    /// <summary>
    /// The keyed <see cref="TimeProvider"/> leases are measured on, its monotonic timestamps only (never wall-clock time
    /// compared across machines); <see cref="TimeProvider.System"/> unless registered (tests register a fake one).
    /// </summary>
    public const string TimeProviderKey = "Sessions.ReadLeases";

    /// <summary>Reads come from the frontend's memory under leases. `false`: every read is a grain call, no silo grants a lease and no change waits for one (set it the same on silos and frontends).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a lease lasts (the silo's value rules; a frontend holds it a little less, the silo counts a little more, see `docs/read-leases.md`). Also the longest a change waits for a frontend that does not confirm a revocation, and how long a session activated after a crash waits before its first change: keep it well within `Session:IOTimeout`.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Most memory a frontend's lease cache may use, counted as the sessions' item bytes plus a fixed overhead per session; beyond it the sessions read least recently are dropped.</summary>
    [ReadBy(ConfigurationReaders.Frontend)]
    public long CacheSizeBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How often a frontend tells each silo the latest access of the sessions it served from leases (one one-way call per silo), so idle expiry slides and activations stay in memory.</summary>
    [ReadBy(ConfigurationReaders.Frontend)]
    public TimeSpan AccessReportInterval { get; set; } = TimeSpan.FromSeconds(5);
}
