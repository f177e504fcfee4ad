using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Sessions.AspNetCore;

namespace Sessions.Tests.WebFrontend;

/// <summary>
/// <see cref="SessionCallPolicy"/>'s time budget: an idempotent call that gets no answer within
/// <c>Session:CallAttemptTimeout</c> (a call in flight to a silo that was killed) is sent again within
/// <c>Session:IOTimeout</c>; other calls, and frontends with a co-hosted silo, wait out the whole timeout once.
/// </summary>
public sealed class SessionCallPolicyTests : IDisposable
{
    private static readonly TimeSpan IOTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly UnansweredFirstCalls _calls = new();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task AnIdempotentCallUnansweredWithinTheAttemptTimeout_IsSentAgain_AndItsAnswerReturned()
    {
        var call = Policy().RunAsync("loading", idempotent: true, _calls, UnansweredFirstCalls.CallAsync, TestContext.Current.CancellationToken);
        await _calls.FirstStarted.Task.WaitAsync(TestContext.Current.CancellationToken);

        _time.Advance(AttemptTimeout);

        Assert.Equal(2, await call.AsTask().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)); // real-time guard: not resent would hang
        Assert.True(_calls.FirstCancelled);
    }

    [Fact]
    public async Task AReadUnansweredWithinTheAttemptTimeout_IsAbandonedNotCancelled_AndSentAgain()
    {
        var reads = new UnansweredReads();
        var read = Policy().ReadAsync("loading", reads, UnansweredReads.Send, TestContext.Current.CancellationToken).AsTask();

        _time.Advance(AttemptTimeout); // no answer: sent again, the first left to finish on its own
        await reads.SecondSent.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        reads.Answer(1, 2);

        Assert.Equal(2, await read.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.False(reads.First.IsCompleted); // left running: no cancellation went to the grain
        Assert.False(reads.FirstToken.IsCancellationRequested);
        Assert.True(reads.FirstToken.CanBeCanceled); // the caller's: the read still ends with its request
    }

    [Fact]
    public async Task AnIdempotentCallRefusedByASiloThatCannotConfirmItsMembership_IsSentAgain()
    {
        var refusals = new RefusedFirstCalls();
        var call = Policy().RunAsync("loading", idempotent: true, refusals, RefusedFirstCalls.CallAsync, TestContext.Current.CancellationToken).AsTask();
        await refusals.Refused.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        _time.Advance(TimeSpan.FromMilliseconds(50)); // the first retry's pause, set before RunAsync returned (the refusal is synchronous)

        Assert.Equal(2, await call.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ACallThatIsNotIdempotent_IsNotSentAgain_AndTimesOutAtTheIOTimeout()
    {
        var call = Policy().RunAsync("signing in to", idempotent: false, _calls, UnansweredFirstCalls.CallAsync, TestContext.Current.CancellationToken).AsTask();
        await _calls.FirstStarted.Task.WaitAsync(TestContext.Current.CancellationToken);

        _time.Advance(IOTimeout - TimeSpan.FromMilliseconds(1));
        Assert.False(call.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        var timeout = await Assert.ThrowsAsync<SessionStoreTimeoutException>(() => call);
        Assert.Equal("Timed out signing in to the session.", timeout.Message);
        Assert.Equal(1, _calls.Attempts);
    }

    [Fact]
    public async Task WithACoHostedSilo_AnUnansweredCallIsNotSentAgain()
    {
        var services = new ServiceCollection().AddSingleton<ILocalSiloDetails, CoHostedSilo>().BuildServiceProvider();
        var call = Policy(services).RunAsync("loading", idempotent: true, _calls, UnansweredFirstCalls.CallAsync, TestContext.Current.CancellationToken).AsTask();
        await _calls.FirstStarted.Task.WaitAsync(TestContext.Current.CancellationToken);

        _time.Advance(AttemptTimeout);
        Assert.False(call.IsCompleted);
        _time.Advance(IOTimeout - AttemptTimeout);

        await Assert.ThrowsAsync<SessionStoreTimeoutException>(() => call);
        Assert.Equal(1, _calls.Attempts);
    }

    private SessionCallPolicy Policy(IServiceProvider? services = null) => new(
        Options.Create(new OrleansSessionOptions { IOTimeout = IOTimeout, CallAttemptTimeout = AttemptTimeout }),
        services ?? _services, _time, _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
        NullLogger<SessionCallPolicy>.Instance);

    private sealed class CoHostedSilo : ILocalSiloDetails
    {
        public string Name => "embedded";

        public string ClusterId => "dev";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress { get; } = SiloAddress.New(System.Net.IPAddress.Loopback, 11111, 1);

        public SiloAddress GatewayAddress { get; } = SiloAddress.New(System.Net.IPAddress.Loopback, 30000, 1);
    }

    /// <summary>Reads that answer only when the test says; the second one sent signals.</summary>
    private sealed class UnansweredReads
    {
        private readonly List<TaskCompletionSource<int>> _answers = [];

        public TaskCompletionSource SecondSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<int> First => _answers[0].Task;

        public CancellationToken FirstToken { get; private set; }

        public static ValueTask<int> Send(UnansweredReads reads, CancellationToken token)
        {
            var answer = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (reads._answers)
            {
                if (reads._answers.Count == 0)
                {
                    reads.FirstToken = token;
                }

                reads._answers.Add(answer);
                if (reads._answers.Count == 2)
                {
                    reads.SecondSent.SetResult();
                }
            }

            return new ValueTask<int>(answer.Task);
        }

        public void Answer(int index, int value) => _answers[index].SetResult(value);
    }

    /// <summary>The first call is refused as by a silo cut off from the cluster; later ones answer their number.</summary>
    private sealed class RefusedFirstCalls
    {
        private int _attempts;

        public TaskCompletionSource Refused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static ValueTask<int> CallAsync(RefusedFirstCalls calls, CancellationToken token)
        {
            var attempt = Interlocked.Increment(ref calls._attempts);
            if (attempt > 1)
            {
                return ValueTask.FromResult(attempt);
            }

            calls.Refused.SetResult();
            return ValueTask.FromException<int>(new SiloMembershipUnconfirmedException("not confirmed"));
        }
    }

    /// <summary>The first call never answers (until cancelled), as one sent to a killed silo; later ones answer their number.</summary>
    private sealed class UnansweredFirstCalls
    {
        private int _attempts;

        public TaskCompletionSource FirstStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool FirstCancelled { get; private set; }

        public int Attempts => _attempts;

        public static async ValueTask<int> CallAsync(UnansweredFirstCalls calls, CancellationToken token)
        {
            var attempt = Interlocked.Increment(ref calls._attempts);
            if (attempt > 1)
            {
                return attempt;
            }

            calls.FirstStarted.SetResult();
            try
            {
                await new TaskCompletionSource().Task.WaitAsync(token); // no answer, only the caller giving up
            }
            catch (OperationCanceledException)
            {
                calls.FirstCancelled = true;
                throw;
            }

            throw new InvalidOperationException("An answer that never comes came.");
        }
    }
}
