using Sessions.Configuration;

namespace Sessions.Grains;

/// <summary>How session writes reach storage. Bound from the <c>SessionPersistence</c> configuration section.</summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Silo)]
public sealed class SessionPersistenceOptions
{
    public const string SectionName = "SessionPersistence";

    /// <summary>When a write reaches storage: <c>WriteThrough</c> (acknowledged once stored) or <c>WriteBehind</c> (acknowledged from memory, stored once per interval).</summary>
    public SessionWriteMode WriteMode { get; set; } = SessionWriteMode.WriteThrough;

    /// <summary>Write-behind only: how long changes are coalesced in memory before one storage write.</summary>
    public TimeSpan WriteBehindInterval { get; set; } = TimeSpan.FromSeconds(1);
}
