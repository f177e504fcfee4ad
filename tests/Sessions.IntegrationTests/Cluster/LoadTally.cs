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
    private readonly ConcurrentQueue<TimeSpan> _errorTimes = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _requests;
    private long _slowestTicks;

    public long Requests => Interlocked.Read(ref _requests);

    public long Errors => _errors.Values.Sum();

    public TimeSpan Elapsed => _clock.Elapsed;

    public TimeSpan Slowest => TimeSpan.FromTicks(Interlocked.Read(ref _slowestTicks));

    public TimeSpan? LastErrorAt => _errorTimes.IsEmpty ? null : _errorTimes.Max();

    public IReadOnlyDictionary<string, int> ErrorsByKind => _errors;

    public int ErrorsSince(TimeSpan since) => _errorTimes.Count(t => t >= since);

    /// <summary>Sends one request: counted and timed, and the error <paramref name="errorOf"/> finds in its answer recorded.</summary>
    public async Task<T> MeasureAsync<T>(Func<Task<T>> send, Func<T, string?> errorOf)
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
            Fail(error);
        }

        return answer;
    }

    public void Fail(string kind)
    {
        _errorTimes.Enqueue(_clock.Elapsed);
        _errors.AddOrUpdate(kind, 1, (_, count) => count + 1);
    }
}
