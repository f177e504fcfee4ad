using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Sessions.AspNetCore;

namespace Sessions.Tests.Storage;

/// <summary>
/// Session ids are bearer credentials: after sessions are created, written, read and destroyed, no issued id appears
/// in what the frontend and the silos logged, nor in the database file (grains and rows are keyed by a keyed hash).
/// </summary>
public sealed class NoCredentialAtRestTests
{
    [Fact]
    public async Task CreateWriteReadDestroy_LeavesNoSessionIdInLogsOrDatabase()
    {
        await using var cluster = new LoggedSqliteClusterFixture();
        await cluster.InitializeAsync();
        var frontendLogs = new LogRecorder();
        await using var frontend = new FrontendFactory(cluster, ClientWritableTestKeys.Settings());
        await using var logged = frontend.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddLogging(l => l.AddProvider(frontendLogs).SetMinimumLevel(LogLevel.Trace))));

        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var client = new SessionClient(logged.CreateClient());
            Assert.Equal(HttpStatusCode.NoContent, (await client.PutTextAsync("/api/session/items/cart", $"cart {i}")).StatusCode);
            await client.PostAsync("/api/session/items/n/increment");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/session/items/cart")).StatusCode);
            ids.Add(SessionIdOf(logged.Services, client.Cookie!));
            if (i < 2)
            {
                Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/session")).StatusCode);
            }
        }

        await cluster.RestartAsync(graceful: true); // deactivation writes and storage logs included
        SqliteConnection.ClearAllPools();

        var logs = string.Join('\n', frontendLogs.Entries.Concat(cluster.SiloLogs.Entries)
            .Select(e => e.Message + " " + string.Join(' ', e.Values.Values)));
        var database = await ReadDatabaseFilesAsync(cluster.DatabasePath);
        Assert.NotEmpty(cluster.SiloLogs.Entries);
        foreach (var id in ids)
        {
            Assert.DoesNotContain(id, logs, StringComparison.Ordinal);
            Assert.Equal(-1, database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(id)));
            Assert.Equal(-1, database.AsSpan().IndexOf(WebEncoders.Base64UrlDecode(id)));
        }

        Assert.Equal(1, await cluster.CountRowsAsync(KeyOfLastSession(logged.Services, ids[^1]))); // the live session is stored

    }

    [Fact]
    public async Task LoginRotationRevocationAndDestroyUnderLoad_LeaveNoSessionIdInLogsOrDatabase()
    {
        await using var cluster = new LoggedSqliteClusterFixture();
        await cluster.InitializeAsync();
        var frontendLogs = new LogRecorder();
        var user = "erin";
        await using var frontend = new FrontendFactory(cluster, TestUsers.Settings([(user, "user")], ClientWritableTestKeys.Pairs()));
        await using var logged = frontend.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddLogging(l => l.AddProvider(frontendLogs).SetMinimumLevel(LogLevel.Trace))));
        var cookies = new HashSet<string>(StringComparer.Ordinal);
        // Six devices, each at its own address: six password checks of one account at once from one address are more
        // than the login throttle's burst lets through.
        var clients = Enumerable.Range(1, 6).Select(i => new SessionClient(new HttpClient(
            logged.Server.CreateHandler(http => http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse($"192.0.2.{i}")))
        {
            BaseAddress = new Uri("http://localhost"),
        })).ToList();

        async Task StepAsync(Func<SessionClient, Task<HttpResponseMessage>> request) =>
            await Task.WhenAll(clients.Select(async client =>
            {
                await request(client);
                if (client.Cookie is { } cookie)
                {
                    lock (cookies)
                    {
                        cookies.Add(cookie);
                    }
                }
            }));

        await StepAsync(c => c.PutTextAsync("/api/session/items/cart", "2 books"));
        await StepAsync(c => c.LoginAsync(user));                                   // rotation on login
        await StepAsync(c => c.PostAsync("/api/session/items/views/increment"));
        cluster.Time.Advance(new AuthOptions().RenewalInterval + TimeSpan.FromSeconds(1));
        await StepAsync(c => c.GetAsync("/api/me"));                                 // renewal
        cluster.Time.Advance(new AuthOptions().RenewalGrace + TimeSpan.FromSeconds(1));
        var sessions = await (await clients[0].GetAsync("/api/me/sessions")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var other = System.Text.Json.JsonDocument.Parse(sessions).RootElement.EnumerateArray().First(s => !s.GetProperty("current").GetBoolean());
        await clients[0].DeleteAsync($"/api/me/sessions/{other.GetProperty("handle").GetString()}"); // revoke one
        await clients[1].PostAsync("/api/auth/logout");
        await clients[2].DeleteAsync("/api/session");
        await clients[3].DeleteAsync("/api/me/sessions?keepCurrent=true");       // sign out everywhere else
        await clients[0].LoginAsync(user);                                       // and back in

        await cluster.RestartAsync(graceful: true);
        SqliteConnection.ClearAllPools();

        var logs = string.Join('\n', frontendLogs.Entries.Concat(cluster.SiloLogs.Entries)
            .Select(e => e.Message + " " + string.Join(' ', e.Values.Values)));
        var database = await ReadDatabaseFilesAsync(cluster.DatabasePath);
        Assert.True(cookies.Count >= 3 * clients.Count, $"only {cookies.Count} cookies issued: anonymous, login and renewal each issue one");
        foreach (var cookie in cookies)
        {
            var value = cookie[(cookie.IndexOf('=', StringComparison.Ordinal) + 1)..];
            var id = SessionIdOf(logged.Services, cookie);
            Assert.DoesNotContain(value, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(id, logs, StringComparison.Ordinal);
            Assert.Equal(-1, database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(id)));
            Assert.Equal(-1, database.AsSpan().IndexOf(WebEncoders.Base64UrlDecode(id)));
        }

        clients.ForEach(c => c.Dispose());
    }

    private static string SessionIdOf(IServiceProvider services, string cookie)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Cookie = cookie;
        Assert.True(services.GetRequiredService<SessionCookie>().TryRead(http.Request, out var id));
        return id;
    }

    private static string KeyOfLastSession(IServiceProvider services, string id) => services.GetRequiredService<SessionGrains>().KeyOf(id);

    private static async Task<byte[]> ReadDatabaseFilesAsync(string path)
    {
        var bytes = new List<byte>();
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            bytes.AddRange(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
        }

        return [.. bytes];
    }
}
