using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;

namespace Sessions.Tests.Fixtures;

/// <summary>Users of the configured user store for frontend tests, each with the password <see cref="PasswordOf"/>.</summary>
public static class TestUsers
{
    /// <summary>
    /// Frontend settings with users <paramref name="users"/> (name, role), no per-address login or creation limit, and
    /// anything in <paramref name="more"/>.
    /// </summary>
    public static Dictionary<string, string> Settings(IEnumerable<(string Name, string Role)> users, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["RateLimits:LoginsPerMinute"] = "0",
            ["RateLimits:SessionCreationsPerMinute"] = "0",
        };
        foreach (var (key, value) in Configured(users))
        {
            settings[key] = value;
        }

        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The demo's users under their names and roles, as configured users (a process outside Development may not turn the demo users on).</summary>
    public static readonly (string Name, string Role)[] DemoLike = [("alice", "user"), ("bob", "user"), ("admin", "admin")];

    /// <summary>Command-line arguments configuring <paramref name="users"/>, each with the password <see cref="PasswordOf"/>.</summary>
    public static IEnumerable<string> Arguments(IEnumerable<(string Name, string Role)> users) =>
        Configured(users).SelectMany(setting => new[] { "--" + setting.Key, setting.Value });

    /// <summary>Environment variables configuring <paramref name="users"/>, each with the password <see cref="PasswordOf"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string>> EnvironmentVariables(IEnumerable<(string Name, string Role)> users) =>
        Configured(users).Select(setting => KeyValuePair.Create(setting.Key.Replace(":", "__", StringComparison.Ordinal), setting.Value));

    public static string PasswordOf(string userName) => "pw-" + userName;

    private static IEnumerable<KeyValuePair<string, string>> Configured(IEnumerable<(string Name, string Role)> users)
    {
        var hasher = new PasswordHasher<string>();
        foreach (var (name, role) in users)
        {
            yield return KeyValuePair.Create($"Auth:Users:{name}:PasswordHash", hasher.HashPassword(name, PasswordOf(name)));
            yield return KeyValuePair.Create($"Auth:Users:{name}:Roles:0", role);
        }
    }

    public static Task<HttpResponseMessage> LoginAsync(this SessionClient client, string userName, string? password = null) =>
        client.SendAsync(HttpMethod.Post, "/api/auth/login", JsonContent.Create(new { userName, password = password ?? PasswordOf(userName) }));
}
