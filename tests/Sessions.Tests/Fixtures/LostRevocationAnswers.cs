namespace Sessions.Tests.Fixtures;

/// <summary>
/// A silo's outgoing call filter that can lose the answers to lease revocations: while <see cref="Lose"/> is on, the
/// frontend handles each revocation, but its answer does not reach the grain (as when a gateway addresses it by a stale
/// directory cache after the grain moved); <see cref="Deliver"/> lets the held answers through, late.
/// </summary>
public sealed class LostRevocationAnswers : IOutgoingGrainCallFilter
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _delivered;
    private TaskCompletionSource _lost = NewSignal();

    /// <summary>Completes when a frontend handled a revocation whose answer was then lost.</summary>
    public Task AnswerLost => _lost.Task;

    public void Lose()
    {
        lock (_lock)
        {
            _delivered ??= NewSignal();
            _lost = NewSignal();
        }
    }

    public void Deliver()
    {
        lock (_lock)
        {
            _delivered?.TrySetResult();
            _delivered = null;
        }
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        await context.Invoke();
        if (context.InterfaceMethod?.Name == nameof(ISessionLeaseHolder.RevokeAsync) && Held() is { } delivered)
        {
            await delivered;
        }
    }

    private Task? Held()
    {
        lock (_lock)
        {
            if (_delivered is null)
            {
                return null;
            }

            _lost.TrySetResult();
            return _delivered.Task;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
