using Sessions.Configuration;

namespace Sessions.Hosting;

/// <summary>Traces, silo metrics and the Orleans Dashboard. Bound from the <c>Observability</c> configuration section.</summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Silo | ConfigurationReaders.Frontend)]
public sealed class ObservabilityOptions
{
    public const string SectionName = "Observability";

    /// <summary>
    /// An OTLP collector (e.g. <c>http://127.0.0.1:4317</c>): traces (ASP.NET Core, Orleans calls) and metrics are
    /// exported there. Empty: no traces are recorded at all, and metrics stay at <c>/metrics</c>.
    /// </summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>
    /// A standalone Silo serves Prometheus text of its meters (sessions, Orleans) at <c>http://host:port/metrics</c> on
    /// this port (e.g. 9464). 0: no endpoint. Embedded silos count in the WebFrontend's <c>/metrics</c>.
    /// </summary>
    [ReadBy(ConfigurationReaders.Silo)]
    public int SiloMetricsPort { get; set; }

    /// <summary>The host name the silo's metrics endpoint answers to (<c>*</c>: any, for a scraper on another machine).</summary>
    [ReadBy(ConfigurationReaders.Silo)]
    public string SiloMetricsHost { get; set; } = "localhost";

    /// <summary>
    /// The Orleans Dashboard on every silo and at <see cref="OrleansDashboardPath"/> of the frontends, for the role
    /// <see cref="OrleansDashboardRole"/> only (it shows grain state and calls). Silos and frontends must agree.
    /// </summary>
    public bool OrleansDashboard { get; set; }

    /// <summary>Where the frontends serve the Orleans Dashboard.</summary>
    [ReadBy(ConfigurationReaders.Frontend)]
    public string OrleansDashboardPath { get; set; } = "/orleans-dashboard";

    /// <summary>The role a signed-in session needs to open the Orleans Dashboard.</summary>
    [ReadBy(ConfigurationReaders.Frontend)]
    public string OrleansDashboardRole { get; set; } = "admin";

    /// <summary>Traces are recorded (and exported) only with an OTLP endpoint.</summary>
    public bool RecordsTraces() => OtlpEndpoint.Length > 0;
}
