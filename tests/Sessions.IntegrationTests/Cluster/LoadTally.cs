using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sessions.Tests.Cluster;

/// <summary>
/// What <see cref="IncrementLoad"/>'s requests came to, from any number of workers: how many were sent, how long the
/// slowest took, and the errors by kind and time (on the load's own clock, started with it).
/// </summary>
internal sealed class LoadTally
{
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private readonly ConcurrentQueue<LoadError> _failures = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _requests;
    private long _slowestTicks;

    public long Requests => Interlocked.Read(ref _requests);

    public long Errors => _errors.Values.Sum();

    public TimeSpan Elapsed => _clock.Elapsed;

    public TimeSpan Slowest => TimeSpan.FromTicks(Interlocked.Read(ref _slowestTicks));

    public TimeSpan? LastErrorAt => _failures.IsEmpty ? null : _failures.Max(e => e.Failed);

    public IReadOnlyDictionary<string, int> ErrorsByKind => _errors;

    public int ErrorsSince(TimeSpan since) => _failures.Count(e => e.Failed >= since);

    /// <summary>Each error at or after <paramref name="since"/>: its request, when it started and failed (seconds from <paramref name="origin"/>), and what it got.</summary>
    public string DescribeErrorsSince(TimeSpan since, TimeSpan origin) => string.Join("; ", _failures
        .Where(e => e.Failed >= since)
        .Select(e => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{e.Operation} started at {(e.Started - origin).TotalSeconds:+0.00;-0.00} s, failed at {(e.Failed - origin).TotalSeconds:+0.00;-0.00} s: {e.Kind}")));

    /// <summary>Sends one request: counted and timed, and the error <paramref name="errorOf"/> finds in its answer recorded.</summary>
    public async Task<T> MeasureAsync<T>(string operation, Func<Task<T>> send, Func<T, string?> errorOf)
    {
        Interlocked.Increment(ref _requests);
        var started = _clock.Elapsed;
        var answer = await send();
        var took = (_clock.Elapsed - started).Ticks;
        long slowest;
        while (took > (slowest = Interlocked.Read(ref _slowestTicks)) && Interlocked.CompareExchange(ref _slowestTicks, took, slowest) != slowest)
        {
        }

        if (errorOf(answer) is { } error)
        {
            Fail(error, operation, started);
        }

        return answer;
    }

    public void Fail(string kind, string operation, TimeSpan started)
    {
        _failures.Enqueue(new LoadError(operation, kind, started, _clock.Elapsed));
        _errors.AddOrUpdate(kind, 1, (_, count) => count + 1);
    }

    private sealed record LoadError(string Operation, string Kind, TimeSpan Started, TimeSpan Failed);
}
