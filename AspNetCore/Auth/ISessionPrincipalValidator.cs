namespace Sessions.AspNetCore;

/// <summary>
/// The app's source of truth for signed-in sessions, in the manner of ASP.NET Core Identity's security stamp: asked at
/// most once per <c>Auth:PrincipalRevalidationInterval</c> per session (on a request that loads the session, however
/// many race) whether the session's user still exists and may sign in, and with which roles. Register one
/// (<c>services.AddScoped&lt;ISessionPrincipalValidator, MyUserStore&gt;()</c>, any lifetime) and sessions follow a
/// removed role or user within that interval; without one, a session keeps the roles of its sign-in.
/// </summary>
/// <remarks>
/// Answer <see cref="SessionPrincipalVerdict.Invalid"/> for a deleted or disabled user and for a sign-in older than the
/// user's last password change (compare <see cref="SessionPrincipal.AuthenticatedAt"/>): the session then ends
/// server-side. A validator that throws fails the request (the check is claimed again after
/// <see cref="SessionRevalidation.ClaimLease"/>), it never lets the session through unchecked.
/// </remarks>
public interface ISessionPrincipalValidator
{
    /// <summary>Whether <paramref name="principal"/> is still valid, and their roles now.</summary>
    ValueTask<SessionPrincipalVerdict> ValidateAsync(SessionPrincipal principal, CancellationToken cancellationToken);
}
