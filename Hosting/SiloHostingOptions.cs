using System.Net;
using Sessions.Configuration;

namespace Sessions.Hosting;

/// <summary>How a silo is hosted. Bound from the <c>Silo</c> configuration section.</summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Silo)]
public sealed class SiloHostingOptions
{
    public const string SectionName = "Silo";

    /// <summary>The default of <see cref="MaxPendingWrites"/>.</summary>
    public const int DefaultMaxPendingWrites = WriteBatches.DefaultCapacity;

    /// <summary>Where session state is kept: <c>Sqlite</c> (a file local to the silo), <c>PostgreSql</c> (<c>ConnectionStrings:Sessions</c>) or <c>Memory</c> (lost on stop).</summary>
    public SessionStorageKind Storage { get; set; } = SessionStorageKind.Sqlite;

    /// <summary>Which implementation keeps session state in SQLite or PostgreSQL: <c>Sessions</c> (ours: group commit, a row with columns per session), the only one; <c>OrleansAdoNet</c> is retired and refused at start.</summary>
    public SessionStorageEngine StorageEngine { get; set; } = SessionStorageEngine.Sessions;

    /// <summary>SQLite with the Sessions engine: <c>Normal</c> (a commit survives a process crash, a power loss may lose the last ones) or <c>Full</c> (survives power loss; an fsync per batch).</summary>
    public SqliteDurability SqliteDurability { get; set; } = SqliteDurability.Normal;

    /// <summary>Sessions engine: most session writes queued for the database; when it falls behind, further writes wait (backpressure) instead of memory growing.</summary>
    public int MaxPendingWrites { get; set; } = DefaultMaxPendingWrites;

    /// <summary>Where reminders are kept: <c>Memory</c>, <c>AdoNet</c> (PostgreSQL) or <c>None</c>; the purge of abandoned sessions needs one.</summary>
    /// <remarks>
    /// In memory by default: every silo re-registers the purge's one reminder when it starts, so losing the memory copy
    /// loses nothing. The table lives on one silo, so a cluster of several silos should use <c>AdoNet</c>.
    /// </remarks>
    public SiloReminders Reminders { get; set; } = SiloReminders.Memory;

    /// <summary>The SQLite database file, relative to the content root; its folder is created.</summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "sessions.db");

    /// <summary>Apply (create or migrate) the PostgreSQL schema at start; when false the silo only checks its version and refuses an old one.</summary>
    public bool ApplySchemaOnStart { get; set; }

    /// <summary>The address other silos and clients reach this silo on (AdoNet membership).</summary>
    public string AdvertisedIPAddress { get; set; } = IPAddress.Loopback.ToString();

    /// <summary>Listen on all interfaces instead of only the advertised address (AdoNet membership).</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>The port silos talk to each other on.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>
    /// AdoNet membership: <c>Consistent</c> (Orleans' strongly consistent grain directory: one activation per session
    /// even while silos leave or fail) or <c>Eventual</c> (Orleans' default directory: briefly two after a silo loss).
    /// All silos of a cluster must use the same; changing it needs a full restart of the cluster, not a rolling one.
    /// </summary>
    public SiloGrainDirectory GrainDirectory { get; set; } = SiloGrainDirectory.Consistent;

    /// <summary>
    /// <c>Consistent</c> directory: how long after a silo crashed, counted from when it stopped answering, its sessions
    /// may not activate elsewhere (Orleans' range lease), so that a silo that was only cut off has stopped serving them
    /// first. <c>00:00:00</c> (the default): as soon as it is declared dead; Orleans' own default is 30 seconds.
    /// </summary>
    public TimeSpan GrainDirectoryCrashLease { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// AdoNet membership: how long after the start of its last read of the membership table that found it a member a
    /// silo still serves its sessions (it reads every eighth of this). A silo cut off by a network partition and declared
    /// dead stops answering by then, and a session activated elsewhere acknowledges no change before this has passed
    /// once since it loaded, so nobody reads a value older than an acknowledged change from the cut-off silo.
    /// While the table cannot be read (a PostgreSQL outage) silos refuse session calls (503, retried by the frontend
    /// within <c>Session:IOTimeout</c>) from this long after their last read until they read it again.
    /// <c>00:00:00</c>: off (a silo serves whatever the table says, and a healed partition can serve stale sessions
    /// until the silo learns it is dead).
    /// </summary>
    public TimeSpan MembershipConfirmation { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How quickly a silo that stopped answering is declared dead; unset values keep Orleans' defaults.</summary>
    public SiloFailureDetectionOptions FailureDetection { get; set; } = new();

    /// <summary>True when membership, storage or reminders run on PostgreSQL.</summary>
    public bool UsesPostgres(ClusterMembership membership) =>
        membership == ClusterMembership.AdoNet || Storage == SessionStorageKind.PostgreSql || Reminders == SiloReminders.AdoNet;
}
