using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Sessions.Grains;

/// <summary>
/// This silo's copy of the deployment's end-all generation (<see cref="IDeploymentEpochGrain"/>), and how fresh it is.
/// A session stamped with a generation below it is over. A signed-in session stamped at or below it is refused while
/// the copy is older than <c>Auth:EpochStaleAfter</c>: a later end-all this silo missed may have ended it. A session
/// stamped above it was created by a silo that knew more, after every end-all this silo knows of.
/// </summary>
/// <remarks>
/// Freshness is measured on <paramref name="time"/>'s monotonic timestamps, so a wall-clock step changes nothing; the
/// clock is <see cref="TimeProviderKey"/> (Orleans' <c>SystemTimers</c> clock unless registered), which the refresher
/// shares.
/// </remarks>
public sealed class SessionEpoch([FromKeyedServices(SessionEpoch.TimeProviderKey)] TimeProvider time, IOptions<AuthOptions> options)
{
    /// <summary>The keyed <see cref="TimeProvider"/> of the epoch's refresh and staleness.</summary>
    public const string TimeProviderKey = "Sessions.EpochRefresh";

    private readonly TimeSpan _staleAfter = options.Value.EpochStaleAfter;
    private long _generation;
    private long _readAt = time.GetTimestamp(); // a silo starts with the bound's grace, as after its last read
    private long _legacyCutoffTicks = DateTimeOffset.MinValue.UtcTicks;

    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The copy has not been read or pushed for longer than <c>Auth:EpochStaleAfter</c>.</summary>
    public bool IsStale => time.GetElapsedTime(Interlocked.Read(ref _readAt)) > _staleAfter;

    /// <summary>
    /// Records that the deployment's generation is <paramref name="generation"/> now (read or pushed); an older value
    /// (a late refresh) does not move the generation back, but still proves the epoch grain is reachable.
    /// </summary>
    public void Observe(long generation)
    {
        AtomicMaximum.Raise(ref _generation, generation);
        Interlocked.Exchange(ref _readAt, time.GetTimestamp());
    }

    /// <summary>How long until the copy goes stale unless read or pushed again (zero once stale): a signed-in session's read lease ends by then.</summary>
    public TimeSpan Freshness
    {
        get
        {
            var left = _staleAfter - time.GetElapsedTime(Interlocked.Read(ref _readAt));
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>
    /// Whether an end-all ended <paramref name="session"/>. Throws <see cref="SessionEpochStaleException"/> for a
    /// signed-in session this silo can no longer vouch for, when <paramref name="refuseStale"/> (a caller about to end
    /// the session anyway needs no answer); anonymous sessions are not refused.
    /// </summary>
    public bool Ended(SessionState session, bool refuseStale = true)
    {
        var generation = Generation;
        if (session.Generation < generation || EndedByLegacyCutoff(session.CreatedAt))
        {
            return true;
        }

        if (refuseStale && session.UserId is not null && session.Generation <= generation && IsStale)
        {
            throw new SessionEpochStaleException(
                $"This silo has not read the end-all epoch (generation {generation}) for longer than Auth:EpochStaleAfter ({_staleAfter}).");
        }

        return false;
    }

    /// <summary>
    /// A wall-clock cut-off pushed by a deployment grain of the previous release during a rolling upgrade, honoured
    /// as that release did; this release never sets one, so it stays unset once the upgrade is over.
    /// </summary>
    public void Advance(DateTimeOffset cutoff) => AtomicMaximum.Raise(ref _legacyCutoffTicks, cutoff.UtcTicks);

    private bool EndedByLegacyCutoff(DateTimeOffset createdAt) =>
        Interlocked.Read(ref _legacyCutoffTicks) is var ticks && ticks != DateTimeOffset.MinValue.UtcTicks && createdAt.UtcTicks <= ticks;
}
