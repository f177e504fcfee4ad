using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Sessions.AspNetCore;

/// <summary>
/// What <see cref="SessionTicketStoreExtensions.AddSessionTicketStore"/> adds to the cookie handler's
/// <c>OnValidatePrincipal</c> for a ticket-store session read this request (<see cref="SessionTicketRequest"/>): the
/// principal re-validation and the ID renewal a cookie session gets from its request session.
/// </summary>
internal sealed class SessionTicketValidation(
    SessionGrains grains, SessionSecrets secrets, SessionCallPolicy calls, ILogger<SessionTicketValidation> logger)
{
    /// <summary>
    /// What <c>OnValidatePrincipal</c> adds for a session read this request: the principal re-validation when it is due
    /// and the app registered an <see cref="ISessionPrincipalValidator"/> (new roles replace the ticket's role claims and
    /// the cookie is re-issued; a user no longer valid is signed out, the session ended), then the ID renewal when due.
    /// </summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (SessionTicketRequest.Of(context.HttpContext) is not { NewId: null } request)
        {
            return;
        }

        if (request.Session.Info.RevalidationDue
            && context.HttpContext.RequestServices.GetService<ISessionPrincipalValidator>() is { } validator
            && !await RevalidateAsync(context, request, validator))
        {
            return;
        }

        if (request.Session.Info.RenewalDue)
        {
            await RenewIdAsync(context, request);
        }
    }

    /// <summary>False when the check ended the session (the request is signed out).</summary>
    private async Task<bool> RevalidateAsync(CookieValidatePrincipalContext context, SessionTicketRequest request, ISessionPrincipalValidator validator)
    {
        var key = request.GrainKey;
        var handle = request.Session.Info.Handle is { Length: > 0 } known ? known : SessionFingerprint.PublicId(key);
        var before = request.Session.Info.Roles;
        var after = await SessionPrincipalRevalidation.RevalidateAsync(
            request.Session, validator, grains, calls, key, handle, logger, context.HttpContext.RequestAborted);
        if (after is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return false;
        }

        request.Session = after;
        var roles = after.Info.Roles.IsDefault ? [] : after.Info.Roles;
        if (!roles.SequenceEqual(before.IsDefault ? [] : before, StringComparer.Ordinal) && context.Principal is { } principal)
        {
            context.ReplacePrincipal(WithRoles(principal, roles));
            context.ShouldRenew = true; // the ticket is stored again with the new roles
        }

        return true;
    }

    /// <summary>
    /// Moves the session to a new ID and asks the cookie handler to re-issue the cookie (<c>ShouldRenew</c>), which
    /// <see cref="SessionTicketDataFormat"/> writes with the new ID. A request that lost the race to another one renewing
    /// it keeps the old ID within the grace and re-issues nothing, so the browser ends on the one new ID.
    /// </summary>
    private async Task RenewIdAsync(CookieValidatePrincipalContext context, SessionTicketRequest request)
    {
        var newId = SessionCookie.NewId();
        var secret = secrets.Current; // a ticket under a previous secret moves to the current one with its renewal
        try
        {
            var result = await grains.ForKey(request.GrainKey).RotateAsync(
                new SessionRotation(secret.GrainKeyOf(newId), Login: null), context.HttpContext.RequestAborted);
            if (result.Status == SessionRotationStatus.Rotated)
            {
                request.NewId = SessionTicketStore.TicketKeyOf(newId, secret);
                context.ShouldRenew = true;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.SessionRenewalFailed(exception);
        }
    }

    /// <summary><paramref name="principal"/> with its role claims replaced by <paramref name="roles"/>.</summary>
    private static ClaimsPrincipal WithRoles(ClaimsPrincipal principal, IReadOnlyList<string> roles)
    {
        var result = new ClaimsPrincipal();
        var first = true;
        foreach (var identity in principal.Identities)
        {
            var copy = identity.Clone();
            foreach (var role in copy.FindAll(copy.RoleClaimType).ToList())
            {
                copy.RemoveClaim(role);
            }

            if (first)
            {
                copy.AddClaims(roles.Select(role => new Claim(copy.RoleClaimType, role)));
                first = false;
            }

            result.AddIdentity(copy);
        }

        return result;
    }
}
