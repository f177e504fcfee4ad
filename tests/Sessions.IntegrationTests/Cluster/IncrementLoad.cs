using System.Collections.Concurrent;
using Sessions.Tests.Consistency;

namespace Sessions.Tests.Cluster;

/// <summary>
/// A steady load on the cluster while a test changes it, every request recorded for <see cref="HistoryChecker"/>
/// (<see cref="CounterClient"/>). Each worker increments its own sessions in turn, reads each one back through the other
/// frontend and reads another worker's session, which that worker increments meanwhile, through either frontend. Every
/// third round a worker also creates a session, increments and reads it, ends it and reads it through both frontends,
/// while the next worker keeps reading it. A read lower than the value the session's last acknowledged increment
/// returned is a stale read (an error) at once; the history check afterwards applies every rule across workers and
/// frontends, and every session must hold exactly its acknowledged increments (none lost, none counted twice; an
/// increment that failed may or may not have counted).
/// </summary>
internal sealed class IncrementLoad : IAsyncDisposable
{
    private const string StaleRead = "stale read";
    private const int EndEveryRounds = 3;

    private readonly CounterClient _counters;
    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _frontends;
    private readonly WrittenSession[] _sessions;
    private readonly long[] _acknowledged;
    private readonly long[] _failed;
    private readonly long[] _lastValue;
    private readonly EndedSession?[] _ending;
    private readonly ConcurrentQueue<EndedSession> _ended = new();
    private readonly LoadTally _tally = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private int _nextSession;

    private IncrementLoad(HttpClient http, IReadOnlyList<Uri> frontends, WrittenSession[] sessions, int workers)
    {
        (_http, _frontends, _sessions) = (http, frontends, sessions);
        _counters = new CounterClient(http, frontends);
        _acknowledged = new long[sessions.Length];
        _failed = new long[sessions.Length];
        _lastValue = new long[sessions.Length];
        _ending = new EndedSession?[workers];
        _nextSession = sessions.Length;
        _workers = [.. Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkAsync(w, workers)))];
    }

    /// <summary>Requests sent: increments, reads, ends and the sessions created to end.</summary>
    public long Requests => _tally.Requests;

    public long Errors => _tally.Errors;

    /// <summary>Acknowledged increments, over all long-lived sessions.</summary>
    public long Acknowledged => _acknowledged.Sum();

    /// <summary>Reads that answered less than the session's last acknowledged increment had returned (the owner's own check).</summary>
    public long StaleReads => _tally.ErrorsByKind.GetValueOrDefault(StaleRead);

    /// <summary>When the last error came (<see cref="Elapsed"/>'s clock), null if none did.</summary>
    public TimeSpan? LastErrorAt => _tally.LastErrorAt;

    /// <summary>Time since the load started (the clock of <see cref="ErrorsSince"/>).</summary>
    public TimeSpan Elapsed => _tally.Elapsed;

    /// <summary>The longest any request took.</summary>
    public TimeSpan Slowest => _tally.Slowest;

    /// <summary>Errors by kind: the status code and media type, or the exception.</summary>
    public IReadOnlyDictionary<string, int> ErrorsByKind => _tally.ErrorsByKind;

    /// <summary>How many requests failed at or after <paramref name="since"/> (<see cref="Elapsed"/>'s clock).</summary>
    public int ErrorsSince(TimeSpan since) => _tally.ErrorsSince(since);

    /// <summary>The errors at or after <paramref name="since"/>, timed from <paramref name="origin"/> (both on <see cref="Elapsed"/>'s clock).</summary>
    public string DescribeErrorsSince(TimeSpan since, TimeSpan origin) => _tally.DescribeErrorsSince(since, origin);

    /// <summary>Errors by kind (status code or exception), for the test's output.</summary>
    public string DescribeErrors() => _tally.Errors == 0 ? "none" : string.Join(", ", _tally.ErrorsByKind.Select(e => $"{e.Key}: {e.Value}"));

    public static async Task<IncrementLoad> StartAsync(HttpClient http, IReadOnlyList<Uri> frontends, int sessions, int workers, CancellationToken cancellationToken)
    {
        var written = new WrittenSession[sessions];
        for (var i = 0; i < sessions; i++)
        {
            written[i] = await SessionRequests.CreateAsync(http, frontends[i % frontends.Count], "load", cancellationToken);
        }

        return new IncrementLoad(http, frontends, written, workers);
    }

    /// <summary>Lets the load run for <paramref name="duration"/> more (wall clock: the processes run in real time).</summary>
    public Task RunForAsync(TimeSpan duration, CancellationToken cancellationToken) => Task.Delay(duration, cancellationToken);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    /// <summary>
    /// Once stopped: checks the recorded history (after a final read of every session through each frontend), then the
    /// sessions whose counter does not hold exactly their acknowledged increments (more only by failed ones), with a
    /// read through one frontend and then one more increment through the other.
    /// </summary>
    public async Task<LoadCheck> FindLostOrDoubledAsync(CancellationToken cancellationToken)
    {
        var history = await _counters.CheckAsync(
            _sessions.Select((s, i) => (i, s.Cookie)).Concat(_ended.Select(e => (e.Id, e.Cookie))), cancellationToken);
        var unrecorded = new CounterClient(_http, _frontends);
        var wrong = new List<string>();
        long lost = 0;
        for (var i = 0; i < _sessions.Length; i++)
        {
            var read = await unrecorded.ReadAsync(i, _sessions[i].Cookie, i % _frontends.Count);
            var incremented = await unrecorded.IncrementAsync(i, _sessions[i].Cookie, (i + 1) % _frontends.Count);
            var stored = read.Outcome == OperationOutcome.Failed ? -1 : read.Value;
            var storedBeforeIncrement = incremented.Outcome == OperationOutcome.Ok ? incremented.Value - 1 : -1;
            lost += Math.Max(0, _acknowledged[i] - Math.Max(stored, storedBeforeIncrement));
            if (!Holds(i, stored) || !Holds(i, storedBeforeIncrement))
            {
                wrong.Add($"session {i}: read {stored} ({read.Outcome} {read.Error}), then incremented from {storedBeforeIncrement} ({incremented.Outcome} {incremented.Error}); " +
                    $"acknowledged {_acknowledged[i]}, failed {_failed[i]}");
            }
        }

        return new LoadCheck(wrong, lost, history);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }

    private async Task WorkAsync(int worker, int workers)
    {
        var partnerOffset = _sessions.Length / 2;
        for (var round = 0; !_stop.IsCancellationRequested; round++)
        {
            for (var i = worker; i < _sessions.Length && !_stop.IsCancellationRequested; i += workers)
            {
                await IncrementAsync(i, (i + round) % _frontends.Count);
                await ReadAsync(i, (i + round + 1) % _frontends.Count);
                var partner = (i + partnerOffset) % _sessions.Length; // another worker's session, incremented meanwhile
                var through = (partner + round + worker) % _frontends.Count;
                await MeasureAsync(Operation("read", partner, through), () => _counters.ReadAsync(partner, _sessions[partner].Cookie, through));
            }

            if (Volatile.Read(ref _ending[(worker + 1) % workers]) is { } neighbours)
            {
                await MeasureAsync(Operation("read", neighbours.Id, round % _frontends.Count), () => _counters.ReadAsync(neighbours.Id, neighbours.Cookie, round % _frontends.Count));
            }

            if (round % EndEveryRounds == 0 && !_stop.IsCancellationRequested)
            {
                await CreateReadAndEndAsync(worker, round);
            }
        }
    }

    /// <summary>A session's life in short: created, incremented, read through the other frontend, ended, read through both.</summary>
    private async Task CreateReadAndEndAsync(int worker, int round)
    {
        var (here, there) = (round % _frontends.Count, (round + 1) % _frontends.Count);
        var created = await _tally.MeasureAsync($"create via frontend {here + 1}", () => _counters.CreateAsync(here), c => c.Error);
        if (created.Cookie is null)
        {
            return;
        }

        var session = new EndedSession(Interlocked.Increment(ref _nextSession) - 1, created.Cookie);
        _ended.Enqueue(session);
        Volatile.Write(ref _ending[worker], session);
        await MeasureAsync(Operation("increment", session.Id, there), () => _counters.IncrementAsync(session.Id, session.Cookie, there));
        await MeasureAsync(Operation("read", session.Id, here), () => _counters.ReadAsync(session.Id, session.Cookie, here));
        await MeasureAsync(Operation("end", session.Id, there), () => _counters.EndAsync(session.Id, session.Cookie, there));
        await MeasureAsync(Operation("read", session.Id, here), () => _counters.ReadAsync(session.Id, session.Cookie, here));
        await MeasureAsync(Operation("read", session.Id, there), () => _counters.ReadAsync(session.Id, session.Cookie, there));
    }

    private bool Holds(int session, long stored) => stored >= _acknowledged[session] && stored <= _acknowledged[session] + _failed[session];

    private async Task IncrementAsync(int session, int frontend)
    {
        var answer = await MeasureAsync(Operation("increment", session, frontend), () => _counters.IncrementAsync(session, _sessions[session].Cookie, frontend));
        if (answer.Outcome == OperationOutcome.Ok)
        {
            _acknowledged[session]++; // one worker increments each session: no race
            _lastValue[session] = answer.Value;
            return;
        }

        _failed[session]++;
    }

    private async Task ReadAsync(int session, int frontend)
    {
        var answer = await MeasureAsync(Operation("read", session, frontend), () => _counters.ReadAsync(session, _sessions[session].Cookie, frontend));
        if (answer.Outcome != OperationOutcome.Failed && answer.Value < _lastValue[session])
        {
            _tally.Fail(StaleRead, Operation("read", session, frontend), _tally.Elapsed);
        }
    }

    /// <summary>One request of the load: counted, timed, and its failure recorded as an error.</summary>
    private Task<CounterAnswer> MeasureAsync(string operation, Func<Task<CounterAnswer>> send) => _tally.MeasureAsync(operation, send, a => a.Error);

    private static string Operation(string operation, long session, int frontend) => $"{operation} of session {session} via frontend {frontend + 1}";

    /// <summary>A session the load created to end: its id in the history and its cookie.</summary>
    private sealed record EndedSession(int Id, string Cookie);
}
