using Microsoft.Extensions.Logging;

namespace Sessions.Grains;

/// <summary>
/// Changes to the session of a <see cref="SessionGrain"/>: a pure mutation applied to the live session (or a new one)
/// within the silo's admission limits, then handed to its <see cref="SessionRecord"/>. A view made per call, like
/// <see cref="SessionLife"/>.
/// </summary>
internal readonly struct SessionChanges(SessionGrain grain)
{
    private SessionRecord Record => grain.Record;

    private SessionGrainSettings Settings => grain.Settings;

    public ValueTask<SessionWriteResult> ApplyAsync(SessionChangeSet changes, CancellationToken cancellationToken)
    {
        var (limits, keys) = (Settings.Limits, Settings.Keys);
        return MutateAsync(session => SessionMutations.Apply(session, changes, limits, keys), changes.CreateIfMissing, cancellationToken, changes.IdleTimeout);
    }

    public ValueTask<SessionWriteResult> IncrementAsync(string key, long by, bool createIfMissing, CancellationToken cancellationToken)
    {
        var (limits, keys) = (Settings.Limits, Settings.Keys);
        return MutateAsync(session => SessionMutations.Increment(session, key, by, limits, keys), createIfMissing, cancellationToken);
    }

    public async ValueTask<SessionWriteResult> IncrementOnceAsync(
        string key, long by, bool createIfMissing, Guid operationId, CancellationToken cancellationToken)
    {
        if (Record.Exists && Record.State.ValueOf(operationId) is { } done)
        {
            return new SessionWriteResult(SessionWriteStatus.Ok, Record.State.Version, done); // a retry: answered, nothing written
        }

        var (limits, keys) = (Settings.Limits, Settings.Keys);
        return await MutateAsync(
            session => SessionMutations.IncrementOnce(session, key, by, operationId, limits, keys), createIfMissing, cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="mutation"/> to the live session (or a new one) and, in write-through mode, persists
    /// it before answering. A mutation is a pure function of the state, so after a storage version conflict it can
    /// be replayed on top of what another activation wrote.
    /// </summary>
    /// <remarks>
    /// A session created here gets <paramref name="idleTimeout"/> (its app's request, within the silo's bounds) or the
    /// default. Read leases are revoked before the change is stored (and so before it is acknowledged), unless it
    /// changes nothing a reader sees (<paramref name="revokesLeases"/> false: storing the last access).
    /// </remarks>
    public async ValueTask<SessionWriteResult> MutateAsync(
        Func<SessionState, SessionWriteResult> mutation, bool createIfMissing, CancellationToken cancellationToken, TimeSpan? idleTimeout = null,
        bool revokesLeases = true)
    {
        var life = new SessionLife(grain);
        var live = await life.EnsureLiveAsync(cancellationToken);
        if (!live && !createIfMissing)
        {
            return SessionWriteResult.Failed(SessionWriteStatus.NotFound);
        }

        var now = Settings.Time.GetUtcNow();
        var working = live ? Record.State.Clone() : SessionState.Create(now, Settings.Expiry, Settings.Epoch.Generation, idleTimeout);
        var result = mutation(working);
        if (!result.Succeeded)
        {
            return result;
        }

        var size = SessionSize.Of(working.Items);
        var admission = Settings.Admission;
        if (live ? !admission.CanGrow(size - grain.Admission.Bytes) : !admission.CanAdmit(size))
        {
            if (admission.ShouldReport(now))
            {
                Settings.Logger.AdmissionRefused(admission.Sessions, admission.Bytes);
            }

            return SessionWriteResult.Failed(SessionWriteStatus.AdmissionRefused);
        }

        if (revokesLeases)
        {
            await life.RevokeLeasesAsync(ended: false);
            cancellationToken.ThrowIfCancellationRequested(); // its caller gave up while it waited: the retry it sent applies it
        }

        result = await Record.ApplyAsync(working, mutation, created: !live, now, cancellationToken) ?? result;
        if (!result.Succeeded)
        {
            return result; // the session was ended elsewhere meanwhile
        }

        life.Admit(ReferenceEquals(Record.State, working) ? size : SessionSize.Of(Record.State.Items)); // a conflict replayed the changes on another state
        if (!live)
        {
            Settings.Metrics.Created();
            Settings.Logger.SessionCreated(Record.Fingerprint);
            life.ArmExpiryTimer();
        }

        return result with { Version = Record.State.Version };
    }
}
