namespace Sessions.Configuration;

/// <summary>How silos find each other and frontends in client mode find the silos' gateways.</summary>
public enum ClusterMembership
{
    /// <summary>One silo on this machine (development, embedded mode); clients connect to <c>Cluster:GatewayPort</c>.</summary>
    Localhost = 0,

    /// <summary>
    /// Orleans' ADO.NET membership table in PostgreSQL (<c>ConnectionStrings:Sessions</c>): any number of silos on any
    /// hosts, and clients find the active gateways in it.
    /// </summary>
    AdoNet = 1,
}
