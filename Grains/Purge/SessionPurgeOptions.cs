using Sessions.Configuration;

namespace Sessions.Grains;

/// <summary>How abandoned sessions are purged from storage. Bound from the <c>SessionPurge</c> configuration section.</summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Silo)]
public sealed class SessionPurgeOptions
{
    public const string SectionName = "SessionPurge";

    /// <summary>Purge stored sessions that lapsed while no grain was active for them. Needs a reminder service.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the purge runs (the period of its one reminder).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rows deleted per statement; a purge repeats statements until one deletes fewer.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// Extra age a row must reach before it is purged, on top of what the expiry and persistence settings require:
    /// a margin for clock skew between silos and the database.
    /// </summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(1);
}
