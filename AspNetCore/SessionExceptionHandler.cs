using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Sessions.AspNetCore;

/// <summary>
/// Turns what can go wrong outside our control into problem+json: refused writes into 4xx, an unreachable or slow
/// cluster or storage into 503. Anything else is a bug and stays a 500. Registered as an <see cref="IExceptionHandler"/>
/// (for <c>app.UseExceptionHandler()</c>, where the stock <c>UseSession()</c> runs) and as itself, for <see cref="OrleansSessionMiddleware"/>.
/// </summary>
internal sealed class SessionExceptionHandler(
    IProblemDetailsService problems, SessionIdSignals signals, ILogger<SessionExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = Classify(exception);
        if (status is null)
        {
            return false;
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.ClusterUnavailable(exception.GetType().Name + ": " + exception.Message);
            http.Response.Headers.RetryAfter = "1";
        }
        else if (status == StatusCodes.Status429TooManyRequests)
        {
            var wait = exception is RateLimitedException limited ? limited.RetryAfter : AdmissionRetryAfter;
            http.Response.Headers.RetryAfter = RetryAfter.Seconds(wait);
            if (signals.ShouldLogRateLimited(http, out _)) // a flood of refusals logs once per client network and minute
            {
                logger.RateLimited(exception is RateLimitedException ? "rate" : "session admission", ClientAddress.Of(http));
            }
        }

        http.Response.StatusCode = status.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>Whether <paramref name="exception"/> is one this handler answers (a limit, a refused write, an unreachable store).</summary>
    public static bool Handles(Exception exception) => Classify(exception).Status is not null;

    /// <summary>How long a client refused by a full silo waits: sessions leave memory as they idle.</summary>
    private static readonly TimeSpan AdmissionRetryAfter = TimeSpan.FromSeconds(30);

    private static (int? Status, string? Title, string? Detail) Classify(Exception exception) => exception switch
    {
        SessionWriteException { Status: SessionWriteStatus.AdmissionRefused } write =>
            (StatusCodes.Status429TooManyRequests, "Too many sessions", write.Message),
        SessionWriteException write => (StatusOf(write.Status), "Session write refused", write.Message),
        RateLimitedException limited => (StatusCodes.Status429TooManyRequests, "Too many requests", limited.Message),
        BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
        SessionEpochStaleException => (StatusCodes.Status503ServiceUnavailable, "Session cannot be vouched for",
            "The silo holding this session cannot read the end-all epoch; retry shortly."),
        SessionStoreTimeoutException or TimeoutException => (StatusCodes.Status503ServiceUnavailable, "Session store unavailable", exception.Message),
        SessionStorageException or OrleansException or ConnectionFailedException => (StatusCodes.Status503ServiceUnavailable, "Session store unavailable",
            "The session cluster or its storage cannot be reached; retry shortly."),
        _ => (null, null, null),
    };

    private static int StatusOf(SessionWriteStatus status) => status switch
    {
        SessionWriteStatus.InvalidKey => StatusCodes.Status400BadRequest,
        SessionWriteStatus.ValueTooLarge or SessionWriteStatus.SessionTooLarge or SessionWriteStatus.TooManyKeys
            => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status409Conflict,
    };
}
