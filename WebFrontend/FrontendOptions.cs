namespace Sessions.WebFrontend;

/// <summary>How the frontend reaches the cluster. Bound from the <c>Frontend</c> configuration section.</summary>
public sealed class FrontendOptions
{
    public const string SectionName = "Frontend";

    /// <summary><c>Embedded</c>: host a silo in this process. <c>Client</c>: connect to separate Silo processes.</summary>
    public FrontendMode Mode { get; set; } = FrontendMode.Embedded;

    /// <summary>Client mode with localhost clustering: the gateway port of the local silo.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Client mode: the cluster's service id (must match the silos' <c>Silo:ServiceId</c>).</summary>
    public string ServiceId { get; set; } = "sessions";

    /// <summary>Client mode: the cluster id (must match the silos' <c>Silo:ClusterId</c>).</summary>
    public string ClusterId { get; set; } = "dev";
}
