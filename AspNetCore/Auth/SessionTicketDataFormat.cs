using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Sessions.AspNetCore;

/// <summary>
/// The cookie handler's ticket format with one change: a ticket that names a ticket-store session by an ID this request
/// renewed away from is written with the new ID. The cookie handler keeps the ID it read for the whole request and
/// re-issues the cookie with it (<c>RenewAsync</c> cannot hand it a new one), so this is where a renewal reaches the cookie.
/// </summary>
internal sealed class SessionTicketDataFormat(ISecureDataFormat<AuthenticationTicket> inner, IHttpContextAccessor http)
    : ISecureDataFormat<AuthenticationTicket>
{
    /// <summary>The claim by which the cookie handler's ticket names its session-store key (ASP.NET Core's <c>CookieAuthenticationHandler</c>).</summary>
    public const string SessionIdClaim = "Microsoft.AspNetCore.Authentication.Cookies-SessionId";

    public string Protect(AuthenticationTicket data) => inner.Protect(Renewed(data));

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(Renewed(data), purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => inner.Unprotect(protectedText);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose) => inner.Unprotect(protectedText, purpose);

    private AuthenticationTicket Renewed(AuthenticationTicket ticket)
    {
        if (SessionTicketRequest.Of(http.HttpContext) is not { NewId: { } newId } request
            || ticket.Principal.FindFirst(SessionIdClaim) is not { } claim || claim.Value != request.Id)
        {
            return ticket;
        }

        var principal = new ClaimsPrincipal();
        foreach (var identity in ticket.Principal.Identities)
        {
            var copy = identity.Clone();
            if (copy.FindFirst(c => c.Type == SessionIdClaim && c.Value == request.Id) is { } old)
            {
                copy.RemoveClaim(old);
                copy.AddClaim(new Claim(SessionIdClaim, newId, old.ValueType, old.Issuer));
            }

            principal.AddIdentity(copy);
        }

        return new AuthenticationTicket(principal, ticket.Properties, ticket.AuthenticationScheme);
    }
}
