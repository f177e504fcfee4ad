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
        var hasher = new PasswordHasher<string>();
        var settings = new Dictionary<string, string>
        {
            ["RateLimits:LoginsPerMinute"] = "0",
            ["RateLimits:SessionCreationsPerMinute"] = "0",
        };
        foreach (var (name, role) in users)
        {
            settings[$"Auth:Users:{name}:PasswordHash"] = hasher.HashPassword(name, PasswordOf(name));
            settings[$"Auth:Users:{name}:Roles:0"] = role;
        }

        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static string PasswordOf(string userName) => "pw-" + userName;

    public static Task<HttpResponseMessage> LoginAsync(this SessionClient client, string userName, string? password = null) =>
        client.SendAsync(HttpMethod.Post, "/api/auth/login", JsonContent.Create(new { userName, password = password ?? PasswordOf(userName) }));
}
