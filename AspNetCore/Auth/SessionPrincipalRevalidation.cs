namespace Sessions.AspNetCore;

/// <summary>
/// One principal re-validation, for a request whose loaded session says it is due
/// (<see cref="SessionInfo.RevalidationDue"/>): claim it from the session grain (one claimant per interval), ask the
/// app's <see cref="ISessionPrincipalValidator"/>, hand the answer to the grain. The request then sees the session as
/// the answer left it: with the new roles, or ended.
/// </summary>
internal static class SessionPrincipalRevalidation
{
    /// <summary>The session as it is after the check (the same one when another request holds the claim); null when the check ended it.</summary>
    public static async Task<SessionSnapshot?> RevalidateAsync(
        SessionSnapshot loaded, ISessionPrincipalValidator validator, SessionGrains grains, SessionCallPolicy calls, string grainKey,
        string handle, ILogger logger, CancellationToken cancellationToken)
    {
        var claimed = await calls.RunAsync("claiming the principal check of", idempotent: false, (grains, grainKey),
            static (s, token) => s.grains.ForKey(s.grainKey).ClaimRevalidationAsync(token), cancellationToken);
        if (!claimed)
        {
            return loaded;
        }

        var info = loaded.Info;
        var principal = new SessionPrincipal(
            info.UserId!, info.Roles.IsDefault ? [] : info.Roles, info.AuthenticatedAt, info.AuthenticationMethod, handle);
        var verdict = await validator.ValidateAsync(principal, cancellationToken);
        var revalidation = new SessionRevalidation(verdict.IsValid, verdict.Roles);
        var after = await calls.RunAsync("completing the principal check of", idempotent: true, (grains, grainKey, revalidation),
            static (s, token) => s.grains.ForKey(s.grainKey).CompleteRevalidationAsync(s.revalidation, token), cancellationToken);
        if (after is null)
        {
            logger.SessionPrincipalRejected(SessionFingerprint.Of(handle));
            return null;
        }

        return loaded.WithInfo(after with { Handle = info.Handle });
    }
}
