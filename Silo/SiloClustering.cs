namespace Sessions.Silo;

/// <summary>How silos find each other.</summary>
public enum SiloClustering
{
    /// <summary>One silo on this machine (development, embedded mode).</summary>
    Localhost = 0,

    /// <summary>
    /// Orleans' ADO.NET membership table on PostgreSQL (<see cref="SiloHostingOptions.PostgresConnectionString"/>):
    /// any number of silos on any hosts.
    /// </summary>
    AdoNet = 1,
}
