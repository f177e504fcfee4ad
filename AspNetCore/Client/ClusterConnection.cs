namespace Sessions.AspNetCore;

/// <summary>
/// Whether this frontend's Orleans client has connected to the cluster, and if not, why: requests are refused with
/// 503 and <c>/readyz</c> says why until it has. Always connected when the silo is co-hosted (embedded mode).
/// </summary>
public sealed class ClusterConnection
{
    private volatile bool _connected;
    private volatile string? _lastFailure;
    private volatile string? _clusterIdMismatch;

    private ClusterConnection(bool connected) => _connected = connected;

    public bool IsConnected => _connected;

    /// <summary>
    /// Why connecting fails: a gateway's report that it belongs to another cluster once one was seen (whichever side
    /// closes first, a mismatch also shows as a plain closed connection), else the last failure; null before any.
    /// </summary>
    public string? LastFailure => _clusterIdMismatch ?? _lastFailure;

    /// <summary>A connection that is there from the start: a co-hosted silo, or the test cluster's client.</summary>
    public static ClusterConnection AlwaysConnected() => new(connected: true);

    /// <summary>A connection an Orleans client still has to make.</summary>
    public static ClusterConnection Pending() => new(connected: false);

    public void MarkConnected()
    {
        _lastFailure = null;
        _clusterIdMismatch = null;
        _connected = true;
    }

    public void RecordFailure(string reason)
    {
        _lastFailure = reason;
        if (reason.Contains("cluster id", StringComparison.OrdinalIgnoreCase))
        {
            _clusterIdMismatch = reason;
        }
    }
}
