using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Sessions.AspNetCore;

/// <summary>
/// Cookie authentication's ticket kept server-side in a session grain (<c>AddCookie()</c> then
/// <c>AddSessionTicketStore()</c>): the authentication cookie carries only the session's ID, encrypted by the cookie
/// handler. Each ticket is a signed-in session of its user, so it is listed in the user's sessions, counts toward
/// <c>Auth:MaxSessionsPerUser</c>, and ends with sign-out everywhere, an admin's end of the user's sessions, an end-all,
/// and the session timeouts.
/// </summary>
public sealed class SessionTicketStore(SessionGrains grains, IHttpContextAccessor http) : ITicketStore
{
    /// <summary>The session item the serialized ticket is kept under.</summary>
    public const string TicketKey = "sessions:auth-ticket";

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
        var key = grains.KeyOf(id);
        await grains.Users(userId).SignInAsync(currentKey: null, key, login, cancellationToken);
        await WriteAsync(key, ticket, cancellationToken);
        return id;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        WriteAsync(grains.KeyOf(key), ticket, cancellationToken);

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        var value = await grains.For(key).GetValueAsync(TicketKey, cancellationToken);
        return value is { } ticket ? TicketSerializer.Default.Deserialize(ticket.Memory.ToArray()) : null;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public async Task RemoveAsync(string key, CancellationToken cancellationToken) =>
        await grains.For(key).EndAsync(SessionEndReason.Logout, cancellationToken);

    /// <summary>
    /// How the ticket's user authenticated: the <see cref="ClaimTypes.AuthenticationMethod"/> claim, else the identity's
    /// authentication type, in lower case; null when neither is a valid method (<see cref="SessionLogin.IsValidAuthenticationMethod"/>).
    /// </summary>
    private static string? MethodOf(ClaimsPrincipal principal)
    {
        var method = (principal.FindFirstValue(ClaimTypes.AuthenticationMethod) ?? principal.Identity?.AuthenticationType)?.ToLowerInvariant();
        return SessionLogin.IsValidAuthenticationMethod(method) ? method : null;
    }

    private async Task WriteAsync(string grainKey, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var changes = SessionChangeSet.SetOne(TicketKey, TicketSerializer.Default.Serialize(ticket), createIfMissing: false);
        var result = await grains.ForKey(grainKey).ApplyAsync(changes, cancellationToken);
        if (!result.Succeeded)
        {
            throw new SessionWriteException(result.Status);
        }
    }
}
