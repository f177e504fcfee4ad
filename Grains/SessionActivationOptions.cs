using Sessions.Grains.Interfaces.Configuration;

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
}
