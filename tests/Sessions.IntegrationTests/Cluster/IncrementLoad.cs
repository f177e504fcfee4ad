using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace Sessions.Tests.Cluster;

/// <summary>
/// A steady load on the cluster while a test changes it: each worker increments its own sessions in turn and reads each
/// one back through the other frontend, half the requests through each frontend, and records every answer. A read lower
/// than the value the session's last acknowledged increment returned is a stale read (an error). Afterwards every
/// session must hold exactly its acknowledged increments (none lost, none counted twice; an increment that failed may
/// or may not have counted).
/// </summary>
internal sealed class IncrementLoad : IAsyncDisposable
{
    private const string CounterPath = "/api/session/items/counter"; // a key the demo declares client-writable
    private const string StaleRead = "stale read";

    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _frontends;
    private readonly WrittenSession[] _sessions;
    private readonly long[] _acknowledged;
    private readonly long[] _failed;
    private readonly long[] _lastValue;
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<TimeSpan> _errorTimes = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly Task[] _workers;
    private long _requests;
    private long _slowestTicks;

    private IncrementLoad(HttpClient http, IReadOnlyList<Uri> frontends, WrittenSession[] sessions, int workers)
    {
        (_http, _frontends, _sessions) = (http, frontends, sessions);
        _acknowledged = new long[sessions.Length];
        _failed = new long[sessions.Length];
        _lastValue = new long[sessions.Length];
        _workers = [.. Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkAsync(w, workers)))];
    }

    /// <summary>Requests sent: increments and reads.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public long Errors => _errors.Values.Sum();

    /// <summary>Acknowledged increments, over all sessions.</summary>
    public long Acknowledged => _acknowledged.Sum();

    /// <summary>Reads that answered less than the session's last acknowledged increment had returned.</summary>
    public long StaleReads => _errors.GetValueOrDefault(StaleRead);

    /// <summary>When the last error came (<see cref="Elapsed"/>'s clock), null if none did.</summary>
    public TimeSpan? LastErrorAt => _errorTimes.IsEmpty ? null : _errorTimes.Max();

    /// <summary>Time since the load started (the clock of <see cref="ErrorsSince"/>).</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>The longest any request took.</summary>
    public TimeSpan Slowest => TimeSpan.FromTicks(Interlocked.Read(ref _slowestTicks));

    /// <summary>Errors by kind: the status code and media type, or the exception.</summary>
    public IReadOnlyDictionary<string, int> ErrorsByKind => _errors;

    /// <summary>How many requests failed at or after <paramref name="since"/> (<see cref="Elapsed"/>'s clock).</summary>
    public int ErrorsSince(TimeSpan since) => _errorTimes.Count(t => t >= since);

    /// <summary>Errors by kind (status code or exception), for the test's output.</summary>
    public string DescribeErrors() => _errors.IsEmpty ? "none" : string.Join(", ", _errors.Select(e => $"{e.Key}: {e.Value}"));

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
    /// The sessions whose counter does not hold exactly their acknowledged increments (more only by failed ones), checked
    /// with a read through one frontend and then one more increment through the other.
    /// </summary>
    public async Task<LoadCheck> FindLostOrDoubledAsync(CancellationToken cancellationToken)
    {
        var wrong = new List<string>();
        long lost = 0;
        for (var i = 0; i < _sessions.Length; i++)
        {
            var read = await SendAsync(HttpMethod.Get, i, _frontends[i % _frontends.Count], "", cancellationToken);
            var incremented = await SendAsync(HttpMethod.Post, i, _frontends[(i + 1) % _frontends.Count], "/increment", cancellationToken);
            var stored = read.Error is null ? read.Value : -1;
            var storedBeforeIncrement = incremented.Error is null ? incremented.Value - 1 : -1;
            lost += Math.Max(0, _acknowledged[i] - Math.Max(stored, storedBeforeIncrement));
            if (!Holds(i, stored) || !Holds(i, storedBeforeIncrement))
            {
                wrong.Add($"session {i}: read {stored} ({(int)read.Status}), then incremented from {storedBeforeIncrement} ({(int)incremented.Status}); " +
                    $"acknowledged {_acknowledged[i]}, failed {_failed[i]}");
            }
        }

        return new LoadCheck(wrong, lost);
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
        for (var round = 0; !_stop.IsCancellationRequested; round++)
        {
            for (var i = worker; i < _sessions.Length && !_stop.IsCancellationRequested; i += workers)
            {
                await IncrementAsync(i, _frontends[(i + round) % _frontends.Count]);
                await ReadAsync(i, _frontends[(i + round + 1) % _frontends.Count]);
            }
        }
    }

    private bool Holds(int session, long stored) => stored >= _acknowledged[session] && stored <= _acknowledged[session] + _failed[session];

    private async Task IncrementAsync(int session, Uri frontend)
    {
        var answer = await MeasureAsync(HttpMethod.Post, session, frontend, "/increment");
        if (answer.Error is null)
        {
            _acknowledged[session]++; // one worker per session: no race
            _lastValue[session] = answer.Value;
            return;
        }

        _failed[session]++;
        Fail(answer.Error);
    }

    private async Task ReadAsync(int session, Uri frontend)
    {
        var answer = await MeasureAsync(HttpMethod.Get, session, frontend, "");
        if ((answer.Error ?? (answer.Value < _lastValue[session] ? StaleRead : null)) is { } error)
        {
            Fail(error);
        }
    }

    /// <summary>One request of the load: counted, timed, and a failure to answer turned into an error.</summary>
    private async Task<Answer> MeasureAsync(HttpMethod method, int session, Uri frontend, string suffix)
    {
        Interlocked.Increment(ref _requests);
        var started = _clock.Elapsed;
        try
        {
            return await SendAsync(method, session, frontend, suffix, CancellationToken.None);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return new Answer(0, 0, exception.GetType().Name);
        }
        finally
        {
            var took = (_clock.Elapsed - started).Ticks;
            long slowest;
            while (took > (slowest = Interlocked.Read(ref _slowestTicks)) && Interlocked.CompareExchange(ref _slowestTicks, took, slowest) != slowest)
            {
            }
        }
    }

    /// <summary>Sends one request to the session's counter: the counter it answered, or the error (status, media type).</summary>
    private async Task<Answer> SendAsync(HttpMethod method, int session, Uri frontend, string suffix, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(frontend, CounterPath + suffix));
        request.Headers.Add("Cookie", _sessions[session].Cookie);
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new Answer(response.StatusCode, 0,
                $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}{(response.Headers.RetryAfter is null ? "" : " with Retry-After")}");
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new Answer(response.StatusCode, long.Parse(body.Trim('"'), CultureInfo.InvariantCulture), null);
    }

    private void Fail(string kind)
    {
        _errorTimes.Enqueue(_clock.Elapsed);
        _errors.AddOrUpdate(kind, 1, (_, count) => count + 1);
    }

    private readonly record struct Answer(HttpStatusCode Status, long Value, string? Error);
}
