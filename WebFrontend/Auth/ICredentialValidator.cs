namespace Sessions.WebFrontend.Auth;

/// <summary>
/// Checks a user name and password against a user store. Register your own (<c>services.AddSingleton&lt;ICredentialValidator,
/// MyUserStore&gt;()</c> before <c>AddSessionFrontend</c>) to replace the configured users. Implementations should
/// spend the same work on an unknown user as on a wrong password, so timing does not tell which accounts exist.
/// </summary>
public interface ICredentialValidator
{
    /// <summary>The account, or null when the credentials are not valid.</summary>
    ValueTask<UserAccount?> ValidateAsync(string userName, string password, CancellationToken cancellationToken);
}
