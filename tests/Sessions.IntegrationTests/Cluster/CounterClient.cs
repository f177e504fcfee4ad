using System.Globalization;
using System.Net;
using Sessions.Tests.Consistency;

namespace Sessions.Tests.Cluster;

/// <summary>
/// The requests of the fault scenarios' load on a session's counter (increment, read, end of the session), each recorded
/// in <see cref="History"/> with its invocation and completion on the test process's monotonic clock, the frontend (1
/// or 2: the index in the frontend list plus one), its outcome and its value, for <see cref="HistoryChecker"/>.
/// </summary>
internal sealed class CounterClient(HttpClient http, IReadOnlyList<Uri> frontends)
{
    private const string CounterPath = "/api/session/items/counter"; // a key the demo declares client-writable
    private const string SessionPath = "/api/session";
    private const int FinalReadAttempts = 3;

    public OperationHistory History { get; } = new();

    public int FrontendCount => frontends.Count;

    /// <summary>
    /// Increments the counter: its new value; <see cref="OperationOutcome.Absent"/> when the frontend found the session
    /// gone and answered for a fresh one instead (a new session cookie); any other failure maybe applied.
    /// </summary>
    public Task<CounterAnswer> IncrementAsync(int session, string cookie, int frontend) =>
        RecordAsync(session, OperationKind.Increment, frontend, HttpMethod.Post, CounterPath + "/increment", cookie, CancellationToken.None);

    /// <summary>Reads the counter: its value, or <see cref="OperationOutcome.Absent"/> for a 404 (never incremented, or the session gone).</summary>
    public Task<CounterAnswer> ReadAsync(int session, string cookie, int frontend) =>
        RecordAsync(session, OperationKind.Read, frontend, HttpMethod.Get, CounterPath, cookie, CancellationToken.None);

    /// <summary>Ends the session (DELETE /api/session, the REST destroy).</summary>
    public Task<CounterAnswer> EndAsync(int session, string cookie, int frontend) =>
        RecordAsync(session, OperationKind.End, frontend, HttpMethod.Delete, SessionPath, cookie, CancellationToken.None);

    /// <summary>
    /// Once the load has stopped: reads every session's counter through every frontend as its final value (a failed read
    /// is tried again, up to three times), then checks the whole history.
    /// </summary>
    public async Task<HistoryCheck> CheckAsync(IEnumerable<(int Session, string Cookie)> sessions, CancellationToken cancellationToken)
    {
        var reads = sessions.SelectMany(s => Enumerable.Range(0, frontends.Count).Select(f => (s.Session, s.Cookie, Frontend: f)));
        await Parallel.ForEachAsync(reads, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (read, token) =>
        {
            for (var attempt = 0; attempt < FinalReadAttempts; attempt++)
            {
                var answer = await RecordAsync(read.Session, OperationKind.FinalRead, read.Frontend, HttpMethod.Get, CounterPath, read.Cookie, token);
                if (answer.Outcome != OperationOutcome.Failed)
                {
                    return;
                }
            }
        });
        return History.Check();
    }

    private async Task<CounterAnswer> RecordAsync(
        int session, OperationKind kind, int frontend, HttpMethod method, string path, string cookie, CancellationToken cancellationToken)
    {
        var invoked = OperationHistory.Now;
        var answer = await SendAsync(kind, method, new Uri(frontends[frontend], path), cookie, cancellationToken);
        History.Record(new Operation(session, kind, frontend + 1, invoked, OperationHistory.Now, answer.Outcome, answer.Value));
        return answer;
    }

    private async Task<CounterAnswer> SendAsync(OperationKind kind, HttpMethod method, Uri url, string cookie, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Add("Cookie", cookie);
            using var response = await http.SendAsync(request, cancellationToken);
            return (kind, response.StatusCode) switch
            {
                (OperationKind.End, HttpStatusCode.NoContent) => new CounterAnswer(OperationOutcome.Ok, 0, null),
                (OperationKind.Increment, HttpStatusCode.OK) when IsNewSession(response, cookie) =>
                    new CounterAnswer(OperationOutcome.Absent, 0, "increment found the session gone"),
                (OperationKind.Read or OperationKind.FinalRead, HttpStatusCode.NotFound) => new CounterAnswer(OperationOutcome.Absent, 0, null),
                (not OperationKind.End, HttpStatusCode.OK) => new CounterAnswer(OperationOutcome.Ok, await ValueOfAsync(response, cancellationToken), null),
                _ => CounterAnswer.Failed(ErrorOf(response)),
            };
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return CounterAnswer.Failed(exception.GetType().Name);
        }
    }

    /// <summary>
    /// Creates a session through the frontend (not an operation of the history: the session's first one comes after):
    /// its cookie, or the error.
    /// </summary>
    public async Task<(string? Cookie, string? Error)> CreateAsync(int frontend)
    {
        try
        {
            using var response = await http.PutAsync(new Uri(frontends[frontend], SessionRequests.ItemPath),
                new StringContent("ending", System.Text.Encoding.UTF8, "text/plain"));
            return response.StatusCode == HttpStatusCode.NoContent && SessionClient.SetCookies(response).FirstOrDefault() is { } cookie
                ? ($"{cookie.Name}={cookie.Value}", null)
                : (null, ErrorOf(response));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return (null, exception.GetType().Name);
        }
    }

    /// <summary>The error a failed answer is counted as: its status code and media type, and whether it said when to retry.</summary>
    private static string ErrorOf(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}{(response.Headers.RetryAfter is null ? "" : " with Retry-After")}";

    /// <summary>True when the answer issued a different session cookie: the frontend answered for a fresh session.</summary>
    private static bool IsNewSession(HttpResponseMessage response, string cookie)
    {
        var name = cookie[..cookie.IndexOf('=', StringComparison.Ordinal)];
        return SessionClient.SetCookies(response).Any(c =>
            c.Name.Equals(name, StringComparison.Ordinal) && c.Value.Length > 0 && $"{c.Name}={c.Value}" != cookie);
    }

    private static async Task<long> ValueOfAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        long.Parse((await response.Content.ReadAsStringAsync(cancellationToken)).Trim('"'), CultureInfo.InvariantCulture);
}
