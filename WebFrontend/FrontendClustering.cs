namespace Sessions.WebFrontend;

/// <summary>How a frontend in client mode finds the silos' gateways.</summary>
public enum FrontendClustering
{
    /// <summary>One silo on this machine, at <c>Frontend:GatewayPort</c>.</summary>
    Localhost = 0,

    /// <summary>The active gateways listed in the PostgreSQL membership table.</summary>
    AdoNet = 1,
}
