using Sessions.Configuration;

namespace Sessions.Configuration;

/// <summary>The databases of a deployment. Bound from the standard <c>ConnectionStrings</c> configuration section.</summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Silo | ConfigurationReaders.Frontend | ConfigurationReaders.Migrate)]
public sealed class SessionsConnectionStrings
{
    public const string SectionName = "ConnectionStrings";

    /// <summary>The PostgreSQL database of the cluster (Npgsql syntax): membership, session state, reminders and the cookie key ring.</summary>
    public string? Sessions { get; set; }

    /// <summary>The PostgreSQL database of the frontends' shared cookie key ring, when it must live apart from the session data; defaults to <c>ConnectionStrings:Sessions</c>.</summary>
    /// <remarks>
    /// The key ring decrypts every session cookie, so a deployment may keep it where silos, backups and readers of the
    /// session data cannot reach it. Only frontends read it.
    /// </remarks>
    [ReadBy(ConfigurationReaders.Frontend)]
    public string? SessionsKeyRing { get; set; }

    /// <summary>Where the cookie key ring is kept in PostgreSQL, or null when it is not.</summary>
    public string? KeyRing => string.IsNullOrWhiteSpace(SessionsKeyRing) ? NullIfEmpty(Sessions) : SessionsKeyRing;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
