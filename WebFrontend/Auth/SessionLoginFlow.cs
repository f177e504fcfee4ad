namespace Sessions.WebFrontend.Auth;

/// <summary>
/// Signing a request's session in with a user name and password, for the API and the login page alike: the login
/// throttle's reservation before the password check (throws <see cref="RateLimitedException"/>), the credential check,
/// the rotation, and the security log.
/// </summary>
public sealed class SessionLoginFlow(ICredentialValidator credentials, LoginAttemptThrottle throttle, ILogger<SessionLoginFlow> logger)
{
    /// <summary>The authentication method a session signed in here records (<see cref="SessionInfo.AuthenticationMethod"/>).</summary>
    public const string PasswordMethod = "password";

    /// <summary>The signed-in session, or null when the credentials are not valid.</summary>
    public async Task<SessionInfo?> SignInAsync(HttpContext http, string userName, string password, CancellationToken cancellationToken)
    {
        var address = ClientAddress.Of(http);
        var attempt = await throttle.ReserveAsync(http, userName, cancellationToken);
        if (await credentials.ValidateAsync(userName, password, cancellationToken) is not { } account)
        {
            logger.LoginFailed(address);
            return null;
        }

        await attempt.SucceededAsync(cancellationToken);
        var login = SessionLogin.Bounded(account.UserId, account.Roles, http.Request.Headers.UserAgent, address)
            .WithAuthenticationMethod(PasswordMethod);
        var info = await http.GetOrleansSession().SignInAsync(login, cancellationToken);
        logger.LoginSucceeded(account.UserId, address);
        return info;
    }
}
