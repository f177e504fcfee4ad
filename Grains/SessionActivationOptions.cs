using Sessions.Grains.Interfaces.Configuration;

namespace Sessions.Grains;

/// <summary>How long a session stays in memory. Bound from the <c>SessionActivation</c> configuration section.</summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Silo)]
public sealed class SessionActivationOptions
{
    public const string SectionName = "SessionActivation";

    /// <summary>A session not called for this long leaves memory (its last access is persisted first); the next request loads it again. Well below the idle timeout, so idle sessions cost no memory.</summary>
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromMinutes(5);
}
