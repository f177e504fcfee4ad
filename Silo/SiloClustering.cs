namespace Sessions.Silo;

/// <summary>How silos find each other.</summary>
public enum SiloClustering
{
    /// <summary>One silo on this machine (development, embedded mode).</summary>
    Localhost = 0,
}
