namespace Sessions.Configuration;

/// <summary>Which programs read a configuration section (the "read by" column of the configuration table in docs/configuration.md).</summary>
[Flags]
public enum ConfigurationReaders
{
    /// <summary>A Silo process, or the silo co-hosted by an embedded WebFrontend.</summary>
    Silo = 1,

    /// <summary>A WebFrontend, embedded or in client mode.</summary>
    Frontend = 2,

    /// <summary>The <c>Sessions.Silo migrate</c> command.</summary>
    Migrate = 4,
}
