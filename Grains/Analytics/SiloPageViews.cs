namespace Sessions.Grains;

/// <summary>
/// This silo's page views since the analytics grain last pulled them: sessions add to it in memory, and
/// <see cref="Drain"/> hands the counts over and starts again, so the analytics grain gets one call per silo and interval
/// instead of one per view. At most <see cref="MaxPaths"/> paths are told apart; the rest count as <see cref="OtherPath"/>.
/// </summary>
public sealed class SiloPageViews
{
    public const int MaxPaths = 500;

    public const string OtherPath = "(other)";

    private readonly Lock _lock = new();
    private Dictionary<string, long> _views = new(StringComparer.Ordinal);

    public void Record(string path)
    {
        lock (_lock)
        {
            var key = _views.Count < MaxPaths || _views.ContainsKey(path) ? path : OtherPath;
            _views[key] = _views.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>The counts since the last drain; the next views count from zero.</summary>
    public Dictionary<string, long> Drain()
    {
        lock (_lock)
        {
            var drained = _views;
            _views = new Dictionary<string, long>(StringComparer.Ordinal);
            return drained;
        }
    }
}
