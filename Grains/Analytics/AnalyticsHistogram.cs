namespace Sessions.Grains;

/// <summary>
/// A histogram of fixed buckets: bucket i counts values up to <c>Bounds[i]</c> (above the previous bound), the last
/// one everything larger than the largest bound. A percentile is the upper bound of the bucket its rank falls in (the
/// largest bound for the overflow bucket), so it is exact for values on a bound and at most one bucket high otherwise.
/// </summary>
public sealed class AnalyticsHistogram(params double[] bounds)
{
    /// <summary>Session durations in seconds (docs/analytics-and-events.md lists them).</summary>
    public static AnalyticsHistogram DurationSeconds { get; } = new(
        1, 2, 5, 10, 15, 30, 45, 60, 90, 120, 180, 300, 450, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 10800, 14400,
        21600, 28800, 43200, 86400);

    /// <summary>Page views per session (docs/analytics-and-events.md lists them).</summary>
    public static AnalyticsHistogram PagesPerSession { get; } = new(
        0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200, 300, 500, 1000);

    public IReadOnlyList<double> Bounds { get; } = bounds;

    /// <summary>Buckets: one per bound plus the overflow bucket.</summary>
    public int BucketCount => Bounds.Count + 1;

    public int BucketOf(double value)
    {
        for (var i = 0; i < Bounds.Count; i++)
        {
            if (value <= Bounds[i])
            {
                return i;
            }
        }

        return Bounds.Count;
    }

    /// <summary>The <paramref name="quantile"/> (0..1] of the values counted in <paramref name="counts"/>; 0 when there are none.</summary>
    public double Percentile(IReadOnlyList<long> counts, double quantile)
    {
        var total = counts.Sum();
        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return Bounds[Math.Min(i, Bounds.Count - 1)];
            }
        }

        return Bounds[^1];
    }
}
