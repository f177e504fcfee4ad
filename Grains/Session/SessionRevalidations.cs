using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Sessions.Grains;

/// <summary>
/// Principal re-validation of the session of a <see cref="SessionGrain"/>: the grain arbitrates which request checks
/// the user and roles against the app's source of truth (one claim per interval, however many requests race; the
/// grain is not reentrant) and applies the answer: new roles, or the end of the session. A view made per call, like
/// <see cref="SessionLife"/>.
/// </summary>
/// <remarks>
/// A claim is kept in memory (the lease goes with the session's next write, or is lost with the activation, which at
/// worst lets a second check run); a completed check is stored when it changes the roles, else it goes with the next write.
/// </remarks>
internal readonly struct SessionRevalidations(SessionGrain grain)
{
    private SessionRecord Record => grain.Record;

    private SessionGrainSettings Settings => grain.Settings;

    private SessionLife Life => new(grain);

    public async ValueTask<bool> ClaimAsync(CancellationToken cancellationToken)
    {
        if (!await Life.EnsureLiveAsync(cancellationToken) || Record.State.Login is not { } login)
        {
            return false;
        }

        var now = Settings.Time.GetUtcNow();
        if (!login.RevalidationDue(now, Settings.PrincipalRevalidationInterval))
        {
            return false;
        }

        Record.State.Login = login with { RevalidationClaimedAt = now };
        return true;
    }

    public async ValueTask<SessionInfo?> CompleteAsync(SessionRevalidation revalidation, CancellationToken cancellationToken)
    {
        if (!await Life.EnsureLiveAsync(cancellationToken) || Record.State.Login is not { } login)
        {
            return null;
        }

        var userId = Record.State.UserId!;
        if (!revalidation.IsValid)
        {
            Settings.Logger.PrincipalRejected(Record.Fingerprint, userId);
            await Life.FinishAsync(SessionEndReason.PrincipalInvalid, cancellationToken);
            grain.DeactivateOnIdle();
            return null;
        }

        var now = Settings.Time.GetUtcNow();
        var roles = revalidation.Roles.IsDefault ? [] : revalidation.Roles;
        if (login.Roles.SequenceEqual(roles, StringComparer.Ordinal))
        {
            Record.State.Login = login with { RevalidatedAt = now, RevalidationClaimedAt = null };
        }
        else
        {
            Settings.Logger.PrincipalRolesChanged(Record.Fingerprint, userId, roles.Length);
            var write = await new SessionChanges(grain).MutateAsync(
                session => WithRoles(session, roles, now), createIfMissing: false, cancellationToken);
            if (!write.Succeeded)
            {
                return null;
            }
        }

        return Life.CreateInfo(withDerivedHandle: false);
    }

    private static SessionWriteResult WithRoles(SessionState session, ImmutableArray<string> roles, DateTimeOffset now)
    {
        if (session.Login is { } login)
        {
            session.Login = login with { Roles = roles, RevalidatedAt = now, RevalidationClaimedAt = null };
            session.Version++; // readers see new roles: a new version, so no lease of the old one is taken after the revocation
        }

        return new SessionWriteResult(SessionWriteStatus.Ok, session.Version);
    }
}
