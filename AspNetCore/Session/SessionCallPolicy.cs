using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Sessions.Grains;

namespace Sessions.AspNetCore;

/// <summary>
/// How the frontend calls session grains: each call is bound by <c>Session:IOTimeout</c> and by the caller's token,
/// and an idempotent call that failed because its silo or gateway went away, or (as an Orleans client of separate
/// silos) got no answer within <c>Session:CallAttemptTimeout</c>, is sent again within the timeout, so losing one silo
/// of several costs a retry, not an error.
/// </summary>
public sealed class SessionCallPolicy(
    IOptions<OrleansSessionOptions> options, IServiceProvider services, TimeProvider time, IMeterFactory meters, ILogger<SessionCallPolicy> logger)
{
    private readonly TimeSpan _timeout = options.Value.IOTimeout;

    private readonly TimeSpan _attemptTimeout =
        options.Value.CallAttemptTimeout > TimeSpan.Zero && services.GetService<ILocalSiloDetails>() is null
            ? options.Value.CallAttemptTimeout
            : options.Value.IOTimeout;

    private readonly Histogram<double> _duration = meters.Create(SessionsMeter.Name).CreateHistogram<double>(
        "sessions.grain_call.duration", "s", "How long a frontend's session grain call took (retries included), by operation.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5] });

    /// <summary>
    /// Runs <paramref name="call"/> with <paramref name="state"/> (pass what it needs there, so that it can be a static
    /// lambda). A timeout becomes a <see cref="SessionStoreTimeoutException"/> saying what timed out; a cancellation
    /// by <paramref name="cancellationToken"/> stays a plain <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <remarks>
    /// Costs one timer-backed <see cref="CancellationTokenSource"/> per attempt; the state machine is pooled because
    /// the read path of every request runs through here.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<T> RunAsync<TState, T>(
        string operation, bool idempotent, TState state, Func<TState, CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        var budgetStarted = time.GetTimestamp();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var remaining = _timeout - time.GetElapsedTime(budgetStarted);
                var attemptTimeout = idempotent && _attemptTimeout < remaining ? _attemptTimeout : remaining;
                using var limit = new CancellationTokenSource(attemptTimeout > TimeSpan.Zero ? attemptTimeout : TimeSpan.Zero, time);
                using var forward = cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), limit);
                try
                {
                    limit.Token.ThrowIfCancellationRequested();
                    return await call(state, limit.Token);
                }
                catch (OperationCanceledException exception) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                    && exception is not SessionStoreTimeoutException)
                {
                    if (attemptTimeout >= remaining)
                    {
                        throw TimedOut(operation, limit.Token);
                    }

                    logger.SessionCallUnanswered(operation, attempt, attemptTimeout);
                }
                catch (Exception exception) when (idempotent && IsSiloLoss(exception) && !limit.IsCancellationRequested)
                {
                    logger.SessionCallRetried(operation, attempt, exception.GetType().Name);
                    var delay = RetryDelay(attempt);
                    if (delay >= _timeout - time.GetElapsedTime(budgetStarted))
                    {
                        throw TimedOut(operation, CancellationToken.None); // no time left for another attempt
                    }

                    await Task.Delay(delay, time, cancellationToken);
                }
            }
        }
        finally
        {
            _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("operation", operation));
        }
    }

    /// <summary>
    /// <see cref="RunAsync"/> for a read (idempotent, no effect a retry could double): <paramref name="read"/> gets the
    /// caller's token, so the read ends with its request, but an attempt that gets no answer in time is abandoned, not
    /// cancelled at the grain. Orleans cancels a call by a message to the grain, and one for a call the grain no longer
    /// holds (answered just then, or forwarded by a move) waits there up to three seconds for it to arrive, during which
    /// the activation cannot finish deactivating and queues every later call of the session: under a silo join the
    /// timed-out loads of a dead session kept it blocked past <c>Session:IOTimeout</c>.
    /// </summary>
    public ValueTask<T> ReadAsync<TState, T>(
        string operation, TState state, Func<TState, CancellationToken, ValueTask<T>> read, CancellationToken cancellationToken) =>
        RunAsync(operation, idempotent: true, (state, read, cancellationToken),
            static (s, attempt) => Abandonable(s.read(s.state, s.cancellationToken), attempt), cancellationToken);

    private static ValueTask<T> Abandonable<T>(ValueTask<T> answer, CancellationToken attempt) =>
        answer.IsCompleted ? answer : new ValueTask<T>(answer.AsTask().WaitAsync(attempt));

    private SessionStoreTimeoutException TimedOut(string operation, CancellationToken token)
    {
        logger.SessionOperationTimedOut(operation, _timeout);
        return new SessionStoreTimeoutException($"Timed out {operation} the session.", token);
    }

    private static bool IsSiloLoss(Exception exception) =>
        exception is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or SiloMembershipUnconfirmedException;

    private static TimeSpan RetryDelay(int attempt) => TimeSpan.FromMilliseconds(Math.Min(50 * attempt * attempt, 1000));
}
