using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Sessions.Grains;

/// <summary>
/// The read leases one session activation granted, and its fence: created with the first grant (or, for an activation
/// that may follow a crash, at activation), so a session read only by grain calls carries nothing.
/// </summary>
/// <remarks>
/// <para>One grant per frontend (a renewal replaces the frontend's previous one). Grants are counted on the lease clock
/// from after the grant, for <see cref="SessionLease.GrantorBound"/> of their duration.</para>
/// <para>The grain is not reentrant: while <see cref="RevokeAsync"/> waits, no call of the session runs, so no lease is
/// granted between the revocation and the change it precedes.</para>
/// <para>The fence: an activation that read its session from storage cannot tell whether the previous activation
/// crashed with leases outstanding (the grain directory runs without a crash lease), or lives on in a silo cut off and
/// declared dead, so it acknowledges no change until every lease that one could have granted has run out and such a
/// silo has stopped answering (<see cref="SiloMembership"/>). A live migration revokes everything before it moves, so
/// the new activation has no fence.</para>
/// </remarks>
internal sealed class SessionLeases
{
    private readonly List<Grant> _grants = new(1);
    private List<Confirmation>? _confirmations;
    private long _fenceUntil;

    /// <summary>
    /// A fence for an activation that may follow a crash or a silo cut off: no change before every lease of an earlier
    /// activation ran out (with leases on) and a duplicate on a silo declared dead stopped answering (with membership
    /// confirmation on, <see cref="SiloMembership.Fence"/>); null when neither is on.
    /// </summary>
    public static SessionLeases? Fenced(SessionLeaseSettings settings, SiloMembership membership)
    {
        var leases = settings.Enabled ? SessionLease.GrantorBound(settings.Duration) : TimeSpan.Zero;
        var fence = leases > membership.Fence ? leases : membership.Fence;
        return fence > TimeSpan.Zero ? new() { _fenceUntil = settings.Clock.GetTimestamp() + Ticks(settings.Clock, fence) } : null;
    }

    /// <summary>True while some lease may still be held.</summary>
    public bool AnyOutstanding(TimeProvider clock)
    {
        var now = clock.GetTimestamp();
        return _grants.Exists(grant => grant.Until > now);
    }

    /// <summary>Records a lease of <paramref name="duration"/> for <paramref name="holder"/>, granted now.</summary>
    public void Add(ISessionLeaseHolder holder, TimeSpan duration, TimeProvider clock)
    {
        var now = clock.GetTimestamp();
        var until = now + Ticks(clock, SessionLease.GrantorBound(duration));
        _grants.RemoveAll(grant => grant.Until <= now);
        var index = _grants.FindIndex(grant => grant.Holder.Equals(holder));
        if (index >= 0)
        {
            until = Math.Max(until, _grants[index].Until);
            _grants[index] = new Grant(holder, until);
        }
        else
        {
            _grants.Add(new Grant(holder, until));
        }
    }

    /// <summary>
    /// Revokes every lease that may still be held and waits until each holder confirmed or the lease ran out; answers the
    /// latest access the holders reported (how long ago), null when none did. With <paramref name="fence"/>, also waits
    /// out this activation's fence (a change is coming; a deactivation passes false).
    /// </summary>
    public async ValueTask<TimeSpan?> RevokeAsync(SessionLeaseRevocation revocation, SessionLeaseSettings settings, bool fence, ILogger logger)
    {
        var clock = settings.Clock;
        var started = Stopwatch.GetTimestamp();
        if (fence && _fenceUntil > clock.GetTimestamp())
        {
            await Task.Delay(Remaining(clock, _fenceUntil), clock);
        }

        var now = clock.GetTimestamp();
        _grants.RemoveAll(grant => grant.Until <= now);
        if (_grants.Count == 0)
        {
            return null;
        }

        var outstanding = _grants.ToArray();
        _grants.Clear();
        var answers = await Task.WhenAll(outstanding.Select(grant => RevokeOneAsync(grant, revocation, settings, logger)));
        settings.RevocationWaited(started);
        return answers.Min();
    }

    /// <summary>Takes a holder's confirmation by call (<see cref="SessionLeaseRevocation.ConfirmByCall"/>) of a revocation waiting for it.</summary>
    public void Confirm(ISessionLeaseHolder holder, long version, TimeSpan? lastAccessAgo) =>
        _confirmations?.Find(c => c.Version == version && c.Holder.Equals(holder))?.Answered(lastAccessAgo);

    private async Task<TimeSpan?> RevokeOneAsync(Grant grant, SessionLeaseRevocation revocation, SessionLeaseSettings settings, ILogger logger)
    {
        var clock = settings.Clock;
        var confirmation = new Confirmation(grant.Holder, revocation.Version);
        (_confirmations ??= []).Add(confirmation);
        try
        {
            using var limit = new CancellationTokenSource(Remaining(clock, grant.Until), clock);
            var early = confirmation.Task.WaitAsync(settings.Duration / 8, clock, limit.Token); // armed before the revocation goes out
            confirmation.Send(revocation, limit.Token);
            TimeSpan? lastAccess;
            try
            {
                lastAccess = await early;
            }
            catch (TimeoutException)
            {
                // No answer yet. The answer may be lost on its way (see SessionLeaseRevocation.ConfirmByCall): ask again,
                // for a confirmation by call as well.
                confirmation.Send(revocation with { ConfirmByCall = true }, limit.Token);
                lastAccess = await confirmation.Task.WaitAsync(limit.Token);
            }

            settings.Revoked(confirmed: true);
            return lastAccess;
        }
        catch (OperationCanceledException exception)
        {
            // No confirmation before the lease ran out (the frontend is gone, paused or cut off). A failed answer proves
            // nothing (a frontend cut off from one gateway may still serve reads), so failures are only waited out too.
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LeaseRevocationUnconfirmed(SessionFingerprint.Of(SessionFingerprint.PublicId(revocation.GrainKey)), exception.GetType().Name, exception);
            }

            var left = Remaining(clock, grant.Until);
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left, clock);
            }

            settings.Revoked(confirmed: false);
            return null;
        }
        finally
        {
            _confirmations.Remove(confirmation);
        }
    }

    private static TimeSpan Remaining(TimeProvider clock, long until)
    {
        var now = clock.GetTimestamp();
        return until > now ? clock.GetElapsedTime(now, until) : TimeSpan.Zero;
    }

    private static long Ticks(TimeProvider clock, TimeSpan span) => (long)(span.TotalSeconds * clock.TimestampFrequency);

    private readonly record struct Grant(ISessionLeaseHolder Holder, long Until);

    /// <summary>A revocation waiting for its holder: the first answer or confirmation by call completes it; failed answers are ignored.</summary>
    private sealed class Confirmation(ISessionLeaseHolder holder, long version)
    {
        private readonly TaskCompletionSource<TimeSpan?> _answered = new();

        public ISessionLeaseHolder Holder => holder;

        public long Version => version;

        public Task<TimeSpan?> Task => _answered.Task;

        public void Answered(TimeSpan? lastAccessAgo) => _answered.TrySetResult(lastAccessAgo);

        /// <summary>Sends <paramref name="revocation"/> to the holder; its answer, if one comes, completes <see cref="Task"/>.</summary>
        public void Send(SessionLeaseRevocation revocation, CancellationToken limit) => _ = AnswerAsync(revocation, limit);

        private async Task AnswerAsync(SessionLeaseRevocation revocation, CancellationToken limit)
        {
            try
            {
                Answered(await holder.RevokeAsync(revocation, limit));
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Cancelled when the lease ran out, or failed: either way no confirmation (see RevokeOneAsync).
            }
        }
    }
}
