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
public sealed class SessionTicketStore(SessionGrains grains, SessionSecrets secrets, IHttpContextAccessor http) : ITicketStore
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

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        foreach (var grainKey in GrainKeysOf(key))
        {
            await grains.ForKey(grainKey).EndAsync(SessionEndReason.Logout, cancellationToken);
        }
    }

    /// <summary>The key the cookie handler keeps for the session <paramref name="id"/> under <paramref name="secret"/>.</summary>
    internal static string TicketKeyOf(string id, SessionSecret secret) => id + KeyIdSeparator + secret;

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
