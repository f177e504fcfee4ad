using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sessions.Tests.Scaling;

/// <summary><c>GET /api/admin/cluster</c>: every silo with its status and live session activations, for admins only.</summary>
[Collection(AuthClusterCollection.Name)]
public sealed class ClusterViewTests(AuthClusterFixture cluster)
{
    [Fact]
    public async Task TheClusterView_ListsBothSilosWithTheirSessions_ForAnAdminOnly()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 2, admins: 1);
        using var admin = await frontend.SignedInAsync(frontend.Users[0]);
        using var user = await frontend.SignedInAsync(frontend.Users[1]);
        var sessions = Enumerable.Range(0, 10).Select(_ => cluster.NewSession()).ToList();
        foreach (var session in sessions)
        {
            await session.ApplyAsync(SessionChangeSet.SetOne("k", [1], createIfMissing: true), TestContext.Current.CancellationToken);
        }

        var response = await admin.GetAsync("/api/admin/cluster");
        var silos = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("silos").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, silos.Count);
        Assert.All(silos, s => Assert.Equal("Active", s.GetProperty("status").GetString()));
        Assert.All(silos, s => Assert.Matches(@"^[0-9.]+:[0-9]+$", s.GetProperty("address").GetString()));
        Assert.True(silos.Sum(s => s.GetProperty("sessions").GetInt64()) >= sessions.Count + 2); // and the two signed-in ones
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/admin/cluster")).StatusCode);
    }
}
