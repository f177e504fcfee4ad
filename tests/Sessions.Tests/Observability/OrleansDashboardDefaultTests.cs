using System.Net;

namespace Sessions.Tests.Observability;

/// <summary>The Orleans Dashboard is off unless switched on: not even an admin finds it.</summary>
[Collection(AuthClusterCollection.Name)]
public sealed class OrleansDashboardDefaultTests(AuthClusterFixture cluster)
{
    [Fact]
    public async Task TheOrleansDashboard_IsOffByDefault()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 1, admins: 1);
        using var admin = await frontend.SignedInAsync(frontend.Users[0]);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/orleans-dashboard/")).StatusCode);
    }
}
