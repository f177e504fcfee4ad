using Sessions.Configuration;

namespace Sessions.Configuration;

/// <summary>Session lifecycle events and visit analytics. Bound from the <c>Analytics</c> configuration section.</summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Silo | ConfigurationReaders.Frontend)]
public sealed class AnalyticsOptions
{
    public const string SectionName = "Analytics";

    /// <summary>How often the dispatcher reads the event outbox and hands new events to the subscribers.</summary>
    [ReadBy(ConfigurationReaders.Silo)]
    public TimeSpan EventPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Events handed to the subscribers in one batch, at most.</summary>
    [ReadBy(ConfigurationReaders.Silo)]
    public int EventBatchSize { get; set; } = 256;

    /// <summary>How often the analytics grain pulls each silo's pre-aggregated page views (a report pulls them too).</summary>
    [ReadBy(ConfigurationReaders.Silo)]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Record page views and form posts of pages in their sessions (a one-way call per page request, no storage write).
    /// </summary>
    [ReadBy(ConfigurationReaders.Frontend)]
    public bool RecordVisits { get; set; } = true;

    /// <summary>
    /// The role <c>/analytics</c> and <c>/api/analytics</c> require outside Development (where they are open). Empty:
    /// any signed-in user.
    /// </summary>
    [ReadBy(ConfigurationReaders.Frontend)]
    public string Role { get; set; } = "admin";
}
