using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Sessions.Storage;

/// <summary>
/// Where a durable write's time goes before its grain hears back, on the sessions meter: waiting in the group-commit
/// queue for a writer, then its batch being written and committed. With <c>sessions.storage.write.duration</c> (the
/// grain's whole wait) the rest is the answer reaching the grain.
/// </summary>
internal sealed class WriteBatchMetrics
{
    private static readonly double[] Seconds = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly Histogram<double> _queued;
    private readonly Histogram<double> _batchDuration;
    private readonly Histogram<int> _batchSize;

    public WriteBatchMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(SessionsMeter.Name);
        _queued = meter.CreateHistogram<double>(
            "sessions.storage.queue.duration", "s", "How long a session write waited in the group-commit queue until a writer took it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds });
        _batchDuration = meter.CreateHistogram<double>(
            "sessions.storage.batch.duration", "s", "How long a batch of session writes took to be written and committed.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds });
        _batchSize = meter.CreateHistogram<int>(
            "sessions.storage.batch.size", "{write}", "Session writes per committed batch.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] });
    }

    /// <summary>Records <paramref name="writes"/>' times on the host's meters, when it has them.</summary>
    public static T Observe<T>(T store, WriteBatches writes, IServiceProvider services)
    {
        if (services.GetService<IMeterFactory>() is { } meters)
        {
            writes.Metrics = new WriteBatchMetrics(meters);
        }

        return store;
    }

    public void Taken(long enqueuedAt, long takenAt) => _queued.Record(Stopwatch.GetElapsedTime(enqueuedAt, takenAt).TotalSeconds);

    public void Committed(int size, long takenAt)
    {
        _batchDuration.Record(Stopwatch.GetElapsedTime(takenAt).TotalSeconds);
        _batchSize.Record(size);
    }
}
