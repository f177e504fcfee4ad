using Microsoft.Extensions.Options;

namespace Sessions.WebFrontend.Auth;

/// <summary>
/// The principal re-validation of the configured user store (<see cref="ConfiguredUserValidator"/>): a session's user is
/// valid while <c>Auth:Users</c> (or the demo users) still has them, with the roles configured now. Reads the current
/// configuration (<see cref="IOptionsMonitor{TOptions}"/>), so an operator who removes a role or a user from a reloaded
/// configuration source takes it away from live sessions within <c>Auth:PrincipalRevalidationInterval</c>.
/// </summary>
public sealed class ConfiguredPrincipalValidator(IOptionsMonitor<AuthOptions> options, IHostEnvironment environment) : ISessionPrincipalValidator
{
    public ValueTask<SessionPrincipalVerdict> ValidateAsync(SessionPrincipal principal, CancellationToken cancellationToken)
    {
        var auth = options.CurrentValue;
        foreach (var (userName, user) in auth.Users)
        {
            if (string.Equals(user.UserId ?? userName, principal.UserId, StringComparison.Ordinal))
            {
                return ValueTask.FromResult(SessionPrincipalVerdict.Valid(user.Roles));
            }
        }

        if (ConfiguredUserValidator.DemoUsersOn(auth, environment))
        {
            foreach (var (userName, role) in ConfiguredUserValidator.DemoAccounts)
            {
                if (string.Equals(userName, principal.UserId, StringComparison.Ordinal) && !auth.Users.ContainsKey(userName))
                {
                    return ValueTask.FromResult(SessionPrincipalVerdict.Valid([role]));
                }
            }
        }

        return ValueTask.FromResult(SessionPrincipalVerdict.Invalid);
    }
}
