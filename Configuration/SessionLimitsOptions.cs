using Sessions.Configuration;

namespace Sessions.Configuration;

/// <summary>Size and count limits of a session, enforced by the frontend (keys, values) and the grain (totals).</summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Silo | ConfigurationReaders.Frontend)]
public sealed class SessionLimitsOptions
{
    public const string SectionName = "SessionLimits";

    /// <summary>Longest key, in characters. Keys use only <c>[A-Za-z0-9._:-]</c>.</summary>
    public int MaxKeyLength { get; set; } = 128;

    /// <summary>Largest single value, in bytes.</summary>
    public int MaxValueBytes { get; set; } = 64 * 1024;

    /// <summary>Largest session (sum of key and value sizes), in bytes.</summary>
    public long MaxSessionBytes { get; set; } = 1024 * 1024;

    /// <summary>Most keys in one session.</summary>
    public int MaxKeys { get; set; } = 1000;
}
