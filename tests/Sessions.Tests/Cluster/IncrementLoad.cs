using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace Sessions.Tests.Cluster;

/// <summary>
/// A steady load on the cluster while a test changes it: each worker increments its own sessions in turn, half the
/// requests through each frontend, and records every answer. Afterwards every session must hold exactly its acknowledged
/// increments (none lost, none counted twice; an increment that failed may or may not have counted).
/// </summary>
internal sealed class IncrementLoad : IAsyncDisposable
{
    private const string CounterPath = "/api/session/items/n";

    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _frontends;
    private readonly WrittenSession[] _sessions;
    private readonly long[] _acknowledged;
    private readonly long[] _failed;
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
        _workers = [.. Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkAsync(w, workers)))];
    }

    public long Requests => Interlocked.Read(ref _requests);

    public long Errors => _errors.Values.Sum();

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
    /// The sessions whose stored counter does not hold exactly their acknowledged increments (more only by failed ones).
    /// Checked with one more increment, not a read: a write reconciles the session with storage (its version check),
    /// while a read right after a failover may still come from a second activation that has not seen the last write.
    /// </summary>
    public async Task<IReadOnlyList<string>> FindLostOrDoubledAsync(CancellationToken cancellationToken)
    {
        var wrong = new List<string>();
        for (var i = 0; i < _sessions.Length; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_frontends[i % _frontends.Count], CounterPath + "/increment"));
            request.Headers.Add("Cookie", _sessions[i].Cookie);
            using var response = await _http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var stored = response.StatusCode == HttpStatusCode.OK ? long.Parse(body.Trim('"'), CultureInfo.InvariantCulture) - 1 : -1;
            if (stored < _acknowledged[i] || stored > _acknowledged[i] + _failed[i])
            {
                wrong.Add($"session {i}: stored {stored} ({(int)response.StatusCode}), acknowledged {_acknowledged[i]}, failed {_failed[i]}");
            }
        }

        return wrong;
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
            }
        }
    }

    private async Task IncrementAsync(int session, Uri frontend)
    {
        Interlocked.Increment(ref _requests);
        var started = _clock.Elapsed;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(frontend, CounterPath + "/increment"));
            request.Headers.Add("Cookie", _sessions[session].Cookie);
            using var response = await _http.SendAsync(request, CancellationToken.None);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                _acknowledged[session]++; // one worker per session: no race
                return;
            }

            Fail(session, $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}{(response.Headers.RetryAfter is null ? "" : " with Retry-After")}");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            Fail(session, exception.GetType().Name);
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

    private void Fail(int session, string kind)
    {
        _failed[session]++;
        _errorTimes.Enqueue(_clock.Elapsed);
        _errors.AddOrUpdate(kind, 1, (_, count) => count + 1);
    }
}
