using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// Records the measurements of the counters named <c>names</c> made through the given meter factories only (a
/// frontend's, a cluster's silos'), so tests running beside it on other hosts do not add to its counts.
/// </summary>
public sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Name, long Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

    public CounterRecorder(IEnumerable<IMeterFactory> scopes, params string[] names)
    {
        var owners = scopes.Cast<object>().ToHashSet(ReferenceEqualityComparer.Instance);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (names.Contains(instrument.Name) && instrument.Meter.Scope is { } scope && owners.Contains(scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        _listener.Start();
    }

    /// <summary>The sum of <paramref name="name"/>, of the measurements carrying <paramref name="tag"/> if one is given.</summary>
    public long Sum(string name, KeyValuePair<string, object?>? tag = null) => _measurements
        .Where(m => m.Name == name && (tag is not { } t || m.Tags.Any(x => x.Key == t.Key && Equals(x.Value, t.Value))))
        .Sum(m => m.Value);

    /// <summary>Every tag key recorded on <paramref name="name"/>.</summary>
    public IEnumerable<string> TagKeys(string name) => _measurements.Where(m => m.Name == name).SelectMany(m => m.Tags.Select(t => t.Key)).Distinct();

    public void Dispose() => _listener.Dispose();
}
