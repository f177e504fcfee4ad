using Sessions.Configuration;

namespace Sessions.Grains;

/// <summary>How long sessions live. Bound from the <c>SessionExpiry</c> configuration section.</summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Silo)]
public sealed class SessionExpiryOptions
{
    public const string SectionName = "SessionExpiry";

    /// <summary>Sliding timeout: a session not accessed for this long ends. The default of sessions whose app asks for none.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>
    /// The shortest idle timeout an app may ask for its sessions (`SessionOptions.IdleTimeout` set in code, or
    /// `Session:IdleTimeout` on the frontend); a shorter request gets this. Fixed per session when it is created.
    /// </summary>
    public TimeSpan MinIdleTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest idle timeout an app may ask for its sessions; a longer request gets this. The purge of abandoned rows
    /// waits for the longer of this and `IdleTimeout`, so raising it keeps lapsed rows longer.
    /// </summary>
    public TimeSpan MaxIdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Absolute lifetime: a session ends this long after it was created, however active.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Reads keep the last-access time in memory and persist it only once it has moved by more than this
    /// fraction of the idle timeout (or with the next write, or on deactivation). After a crash a session can
    /// therefore end at most <c>IdleTimeout * LastAccessPersistFraction</c> early.
    /// </summary>
    public double LastAccessPersistFraction { get; set; } = 0.25;

    /// <summary>The idle timeout of a new session whose app asked for <paramref name="requested"/>: within the bounds, or the default when null.</summary>
    public TimeSpan IdleTimeoutFor(TimeSpan? requested) => requested is { } asked
        ? TimeSpan.FromTicks(Math.Clamp(asked.Ticks, MinIdleTimeout.Ticks, Math.Max(MinIdleTimeout.Ticks, MaxIdleTimeout.Ticks)))
        : IdleTimeout;
}
