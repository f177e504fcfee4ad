namespace Sessions.WebFrontend;

/// <summary>How the frontend reaches the cluster. Bound from the <c>Frontend</c> configuration section.</summary>
public sealed class FrontendOptions
{
    public const string SectionName = "Frontend";

    /// <summary><c>Embedded</c>: host a silo in this process. <c>Client</c>: connect to separate Silo processes.</summary>
    public FrontendMode Mode { get; set; } = FrontendMode.Embedded;

    /// <summary>Client mode: how to find the silos' gateways.</summary>
    public FrontendClustering Clustering { get; set; } = FrontendClustering.Localhost;

    /// <summary>
    /// Client mode with <c>AdoNet</c> clustering: the PostgreSQL database whose membership table lists the gateways.
    /// Also the default home of the shared cookie key ring.
    /// </summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Client mode with localhost clustering: the gateway port of the local silo.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Client mode: the cluster's service id (must match the silos' <c>Silo:ServiceId</c>).</summary>
    public string ServiceId { get; set; } = "sessions";

    /// <summary>Client mode: the cluster id (must match the silos' <c>Silo:ClusterId</c>).</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>Every problem with these settings, each naming the option; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Mode))
        {
            errors.Add($"Frontend:Mode '{Mode}' is not one of {string.Join(", ", Enum.GetNames<FrontendMode>())}.");
        }

        if (!Enum.IsDefined(Clustering))
        {
            errors.Add($"Frontend:Clustering '{Clustering}' is not one of {string.Join(", ", Enum.GetNames<FrontendClustering>())}.");
        }

        if (Mode == FrontendMode.Client && Clustering == FrontendClustering.AdoNet && string.IsNullOrWhiteSpace(PostgresConnectionString))
        {
            errors.Add("Frontend:PostgresConnectionString must be set when Frontend:Clustering is AdoNet.");
        }

        if (GatewayPort is < 1 or > 65535)
        {
            errors.Add("Frontend:GatewayPort must be between 1 and 65535.");
        }

        return errors;
    }
}
