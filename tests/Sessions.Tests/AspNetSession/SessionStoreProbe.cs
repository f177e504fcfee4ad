using System.Reflection;

namespace Sessions.Tests.AspNetSession;

/// <summary>
/// What the behaviour suite observes of a store, the same way for both: how many writes reached it, and a switch that
/// makes it fail as an unreachable store would.
/// </summary>
public sealed class SessionStoreProbe : ISessionGrainInterception
{
    private static readonly HashSet<string> WriteMethods =
        [nameof(ISessionGrain.ApplyAsync), nameof(ISessionGrain.IncrementAsync), nameof(ISessionGrain.DestroyAsync)];

    private long _writes;

    /// <summary>Writes that reached the store: cache entries set (built-in), session grain writes (Sessions).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>While true every store call fails with <see cref="SessionStorageException"/>.</summary>
    public bool Unavailable { get; set; }

    internal void CountWrite() => Interlocked.Increment(ref _writes);

    internal void ThrowIfUnavailable()
    {
        if (Unavailable)
        {
            throw new SessionStorageException("The session store is unavailable (test).");
        }
    }

    /// <summary>Session grain calls (through <see cref="InterceptedGrainFactory"/>) fail while unavailable; writes are counted.</summary>
    public bool TryAnswer(ISessionGrain grain, MethodInfo method, object?[] args, out object? answer)
    {
        ThrowIfUnavailable();
        if (WriteMethods.Contains(method.Name))
        {
            CountWrite();
        }

        answer = null;
        return false;
    }
}
