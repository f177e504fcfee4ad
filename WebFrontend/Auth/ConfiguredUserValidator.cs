using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Sessions.WebFrontend.Auth;

/// <summary>
/// The default user store: <c>Auth:Users</c> from configuration, with ASP.NET Core <see cref="PasswordHasher{TUser}"/>
/// hashes (PBKDF2-HMAC-SHA512, 100,000 iterations), plus the demo users when <c>Auth:DemoUsers</c> is on (Development
/// only: <see cref="ConfiguredUsersValidator"/>). An unknown user name is checked against a hash of a random password
/// with as many iterations as the costliest configured hash, so it costs no less work than a wrong password.
/// </summary>
public sealed class ConfiguredUserValidator : ICredentialValidator
{
    public const string DemoPassword = "sessions-demo";

    /// <summary>The demo users (user name, which is also the user id, and role), on when <see cref="DemoUsersOn"/>.</summary>
    internal static readonly (string UserName, string Role)[] DemoAccounts = [("alice", "user"), ("bob", "user"), ("admin", "admin")];

    private readonly PasswordHasher<string> _hasher = new();
    private readonly Dictionary<string, (UserAccount Account, string Hash)> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _unknownUserHash;

    public ConfiguredUserValidator(IOptions<AuthOptions> options, IHostEnvironment environment, ILogger<ConfiguredUserValidator> logger)
    {
        var auth = options.Value;
        foreach (var (userName, user) in auth.Users)
        {
            _users[userName] = (new UserAccount(user.UserId ?? userName, user.Roles), user.PasswordHash);
        }

        if (DemoUsersOn(auth, environment))
        {
            foreach (var (userName, role) in DemoAccounts)
            {
                AddDemoUser(userName, role);
            }

            logger.DemoUsersEnabled(environment.EnvironmentName, DemoPassword);
        }

        var iterations = _users.Values
            .Select(user => PasswordHashFormat.TryRead(user.Hash, out var format) ? format.Iterations : 0)
            .Append(PasswordHashFormat.MinIterations)
            .Max();
        var unknownUserHasher = new PasswordHasher<string>(Options.Create(new PasswordHasherOptions { IterationCount = iterations }));
        _unknownUserHash = unknownUserHasher.HashPassword(string.Empty, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
    }

    public ValueTask<UserAccount?> ValidateAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var known = _users.TryGetValue(userName, out var user);
        var result = _hasher.VerifyHashedPassword(userName, known ? user.Hash : _unknownUserHash, password);
        return ValueTask.FromResult(known && result != PasswordVerificationResult.Failed ? user.Account : null);
    }

    /// <summary><c>Auth:DemoUsers</c>, by default on in Development only.</summary>
    internal static bool DemoUsersOn(AuthOptions auth, IHostEnvironment environment) => auth.DemoUsers ?? environment.IsDevelopment();

    private void AddDemoUser(string userName, string role) =>
        _users.TryAdd(userName, (new UserAccount(userName, [role]), _hasher.HashPassword(userName, DemoPassword)));
}
