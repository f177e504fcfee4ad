using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Sessions.WebFrontend.Cookies;
using Sessions.WebFrontend.Session;

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
        await using var frontend = new FrontendFactory(cluster);
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

    private static string SessionIdOf(IServiceProvider services, string cookie)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Cookie = cookie;
        Assert.True(services.GetRequiredService<SessionCookie>().TryRead(http.Request, out var id));
        return id;
    }

    private static string KeyOfLastSession(IServiceProvider services, string id) => services.GetRequiredService<SessionGrainKeys>().For(id);

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
