using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Sessions.AspNetCore;

/// <summary>
/// Cookie authentication's ticket kept server-side in a session grain (<c>AddCookie()</c> then
/// <c>AddSessionTicketStore()</c>): the authentication cookie carries only the session's ID, encrypted by the cookie
/// handler. Each ticket is a signed-in session of its user, so it is listed in the user's sessions, counts toward
/// <c>Auth:MaxSessionsPerUser</c>, and ends with sign-out everywhere, an admin's end of the user's sessions, an end-all,
/// and the session timeouts. Like a cookie session it renews its ID every <c>Auth:RenewalInterval</c> (the request that
/// finds it due moves it and the cookie is re-issued with the new ID), and a use of a renewed-away ID after
/// <c>Auth:RenewalGrace</c> is treated as replay: the session ends.
/// <para>
/// The key handed to the cookie handler is the session's ID and the key id of the session-key secret its grain key is
/// under (<c>id.keyid</c>), so the ticket stays readable through a secret rollover while that secret is accepted, and
/// its next ID renewal moves it to the current secret; a key of an earlier release (the bare ID) is looked for under
/// each accepted secret, the current one first.
/// </para>
/// </summary>
public sealed class SessionTicketStore(
    SessionGrains grains, SessionSecrets secrets, SessionCallPolicy calls, IHttpContextAccessor http, ILogger<SessionTicketStore> logger)
    : ITicketStore
{
    /// <summary>The session item the serialized ticket is kept under.</summary>
    public const string TicketKey = "sessions:auth-ticket";

    private const char KeyIdSeparator = '.';

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        StoreAsync(ticket, http.HttpContext, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        var principal = ticket.Principal;
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.Identity?.Name
            ?? throw new InvalidOperationException("A ticket kept in a session needs a NameIdentifier or a Name claim.");
        var login = SessionLogin.Bounded(
            userId, principal.FindAll(ClaimTypes.Role).Select(c => c.Value),
            httpContext?.Request.Headers.UserAgent, httpContext is null ? null : ClientAddress.Of(httpContext));
        if (MethodOf(principal) is { } method)
        {
            login = login.WithAuthenticationMethod(method);
        }

        var id = SessionCookie.NewId();
        var secret = secrets.Current;
        var grainKey = secret.GrainKeyOf(id);
        await grains.Users(userId).SignInAsync(currentKey: null, grainKey, login, cancellationToken);
        if (!await WriteAsync(grainKey, ticket, cancellationToken))
        {
            throw new SessionWriteException(SessionWriteStatus.NotFound);
        }

        return TicketKeyOf(id, secret);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        RenewAsync(key, ticket, http.HttpContext, cancellationToken);

    /// <summary>Stores the renewed <paramref name="ticket"/>, under the session's new ID when this request renewed it.</summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        foreach (var grainKey in GrainKeysOf(SessionTicketRequest.Current(httpContext, key)))
        {
            if (await WriteAsync(grainKey, ticket, cancellationToken))
            {
                return;
            }
        }

        throw new SessionWriteException(SessionWriteStatus.NotFound);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) =>
        RetrieveAsync(key, http.HttpContext, cancellationToken);

    /// <summary>The ticket of the session <paramref name="key"/>; the session is noted on <paramref name="httpContext"/> for <c>OnValidatePrincipal</c>.</summary>
    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        foreach (var grainKey in GrainKeysOf(key))
        {
            var session = await grains.ForKey(grainKey).LoadAsync(cancellationToken);
            if (session is null || !session.Items.TryGetValue(TicketKey, out var ticket))
            {
                continue;
            }

            if (httpContext is not null)
            {
                SessionTicketRequest.Remember(httpContext, key, grainKey, session);
            }

            return TicketSerializer.Default.Deserialize(ticket.Memory.ToArray());
        }

        return null;
    }

    /// <summary>
    /// What <c>OnValidatePrincipal</c> adds for a session read this request: the principal re-validation when it is due
    /// and the app registered an <see cref="ISessionPrincipalValidator"/> (new roles replace the ticket's role claims and
    /// the cookie is re-issued; a user no longer valid is signed out, the session ended), then the ID renewal when due.
    /// </summary>
    internal async Task ValidateAsync(CookieValidatePrincipalContext context)
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
                request.NewId = TicketKeyOf(newId, secret);
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

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        foreach (var grainKey in GrainKeysOf(key))
        {
            await grains.ForKey(grainKey).EndAsync(SessionEndReason.Logout, cancellationToken);
        }
    }

    private static string TicketKeyOf(string id, SessionSecret secret) => id + KeyIdSeparator + secret;

    /// <summary>
    /// Where the ticket of <paramref name="key"/> may be: under the secret its key names (none once that secret is no
    /// longer accepted), or for a bare ID of an earlier release under each accepted secret, the current one first.
    /// </summary>
    private IEnumerable<string> GrainKeysOf(string key)
    {
        var separator = key.LastIndexOf(KeyIdSeparator);
        if (separator < 0)
        {
            return secrets.All.Select(secret => secret.GrainKeyOf(key));
        }

        return uint.TryParse(key.AsSpan(separator + 1), System.Globalization.NumberStyles.AllowHexSpecifier,
                System.Globalization.CultureInfo.InvariantCulture, out var keyId) && secrets.TryFind(keyId, out var named)
            ? [named.GrainKeyOf(key[..separator])]
            : [];
    }

    /// <summary>
    /// How the ticket's user authenticated: the <see cref="ClaimTypes.AuthenticationMethod"/> claim, else the identity's
    /// authentication type, in lower case; null when neither is a valid method (<see cref="SessionLogin.IsValidAuthenticationMethod"/>).
    /// </summary>
    private static string? MethodOf(ClaimsPrincipal principal)
    {
        var method = (principal.FindFirstValue(ClaimTypes.AuthenticationMethod) ?? principal.Identity?.AuthenticationType)?.ToLowerInvariant();
        return SessionLogin.IsValidAuthenticationMethod(method) ? method : null;
    }

    /// <summary>Writes the ticket into the session of <paramref name="grainKey"/>; false when there is no such session.</summary>
    private async Task<bool> WriteAsync(string grainKey, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var changes = SessionChangeSet.SetOne(TicketKey, TicketSerializer.Default.Serialize(ticket), createIfMissing: false);
        var result = await grains.ForKey(grainKey).ApplyAsync(changes, cancellationToken);
        if (result.Succeeded || result.Status == SessionWriteStatus.NotFound)
        {
            return result.Succeeded;
        }

        throw new SessionWriteException(result.Status);
    }
}
