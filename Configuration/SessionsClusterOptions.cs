using Sessions.Configuration;

namespace Sessions.Configuration;

/// <summary>
/// What silos and frontends must agree on to form or reach one cluster, besides its identity (<c>Orleans:ServiceId</c>,
/// <c>Orleans:ClusterId</c>, bound by Orleans itself). Bound from the <c>Cluster</c> configuration section.
/// </summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Silo | ConfigurationReaders.Frontend)]
public sealed class SessionsClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>How silos find each other and client-mode frontends find gateways: <c>Localhost</c> or <c>AdoNet</c> (PostgreSQL membership table).</summary>
    public ClusterMembership Membership { get; set; } = ClusterMembership.Localhost;

    /// <summary>The port a silo accepts Orleans clients on; with <c>Localhost</c> membership a client-mode frontend connects to it.</summary>
    public int GatewayPort { get; set; } = 30000;
}
