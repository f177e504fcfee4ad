using Sessions.Configuration;

namespace Sessions.Grains;

/// <summary>How long sessions live. Bound from the <c>SessionExpiry</c> configuration section.</summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Silo)]
public sealed class SessionExpiryOptions
{
    public const string SectionName = "SessionExpiry";

    /// <summary>Sliding timeout: a session not accessed for this long ends.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Absolute lifetime: a session ends this long after it was created, however active.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Reads keep the last-access time in memory and persist it only once it has moved by more than this
    /// fraction of the idle timeout (or with the next write, or on deactivation). After a crash a session can
    /// therefore end at most <c>IdleTimeout * LastAccessPersistFraction</c> early.
    /// </summary>
    public double LastAccessPersistFraction { get; set; } = 0.25;
}
