namespace Sessions.WebFrontend.Hosting;

/// <summary>
/// Whether this frontend's Orleans client has connected to the cluster, and if not, why: requests are refused with
/// 503 and <c>/readyz</c> says why until it has. Always connected when the silo is co-hosted (embedded mode).
/// </summary>
public sealed class ClusterConnection
{
    private volatile bool _connected;
    private volatile string? _lastFailure;

    private ClusterConnection(bool connected) => _connected = connected;

    public bool IsConnected => _connected;

    /// <summary>The reason the last connection attempt failed, or null.</summary>
    public string? LastFailure => _lastFailure;

    /// <summary>A connection that is there from the start: a co-hosted silo, or the test cluster's client.</summary>
    public static ClusterConnection AlwaysConnected() => new(connected: true);

    /// <summary>A connection an Orleans client still has to make.</summary>
    public static ClusterConnection Pending() => new(connected: false);

    public void MarkConnected()
    {
        _lastFailure = null;
        _connected = true;
    }

    /// <summary>Records why an attempt failed; true when the reason differs from the last one (worth logging).</summary>
    public bool RecordFailure(string reason)
    {
        var changed = !string.Equals(_lastFailure, reason, StringComparison.Ordinal);
        _lastFailure = reason;
        return changed;
    }
}
