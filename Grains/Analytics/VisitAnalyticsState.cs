namespace Sessions.Grains;

/// <summary>What the analytics grain keeps: totals, histograms, per-minute counts and the events it counted last.</summary>
[GenerateSerializer, Alias("sessions.VisitAnalyticsState")]
public sealed class VisitAnalyticsState
{
    [Id(0)] public long Started { get; set; }

    [Id(1)] public long Ended { get; set; }

    [Id(2)] public long PageViews { get; set; }

    [Id(3)] public Dictionary<string, long> Pages { get; set; } = new(StringComparer.Ordinal);

    [Id(4)] public long[] DurationBuckets { get; set; } = new long[AnalyticsHistogram.DurationSeconds.BucketCount];

    [Id(5)] public long[] PageBuckets { get; set; } = new long[AnalyticsHistogram.PagesPerSession.BucketCount];

    /// <summary>Starts and ends by minute (Unix minutes), the last hour or so.</summary>
    [Id(6)] public Dictionary<long, long> StartedPerMinute { get; set; } = [];

    [Id(7)] public Dictionary<long, long> EndedPerMinute { get; set; } = [];

    /// <summary>The sequences of the last events counted, so a batch delivered again is not counted twice.</summary>
    [Id(8)] public Queue<long> RecentSequences { get; set; } = new();
}
