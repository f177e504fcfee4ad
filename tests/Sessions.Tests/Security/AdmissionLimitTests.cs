using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Sessions.Tests.Security;

/// <summary>
/// The admission limit per silo: anonymous clients cannot grow a silo without bound, in sessions or in bytes; beyond
/// the limit the API answers 429 problem+json with <c>Retry-After</c>, and sessions that leave memory make room again.
/// </summary>
public sealed class AdmissionLimitTests : IAsyncLifetime
{
    private const int MaxSessionsPerSilo = 4;
    private const long MaxBytesPerSilo = 200 * 1024;

    private readonly LimitedCluster _cluster = new();

    public ValueTask InitializeAsync() => _cluster.InitializeAsync();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task BeyondTheSessionCountOfEverySilo_NewSessionsGet429WithRetryAfter_AndTheCountStaysBounded()
    {
        await using var frontend = new FrontendFactory(_cluster, TestUsers.Settings([], ClientWritableTestKeys.Pairs()));
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 20; i++)
        {
            using var client = frontend.CreateSessionClient();
            var response = await client.PutTextAsync("/api/session/items/cart", "1 book");
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.InRange(statuses.Count(s => s == HttpStatusCode.NoContent), 1, 2 * MaxSessionsPerSilo);
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.NoContent, HttpStatusCode.TooManyRequests }));
        Assert.NotNull(refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Empty(SessionClient.SetCookies(refused)); // no cookie for a session that was not created
        Assert.All(_cluster.Admissions(), a => Assert.InRange(a.Sessions, 0, MaxSessionsPerSilo));

        await _cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);
        using var later = frontend.CreateSessionClient();
        Assert.Equal(HttpStatusCode.NoContent, (await later.PutTextAsync("/api/session/items/cart", "1 book")).StatusCode);
    }

    [Fact]
    public async Task BeyondTheByteBudgetOfEverySilo_GrowingAndNewSessionsGet429_AndTheBytesStayBounded()
    {
        await using var frontend = new FrontendFactory(_cluster, TestUsers.Settings([], ClientWritableTestKeys.Pairs()));
        var value = new string('x', 60 * 1024);
        var refused = 0;
        for (var i = 0; i < 6; i++)
        {
            using var client = frontend.CreateSessionClient();
            for (var key = 0; key < 3; key++)
            {
                var response = await client.PutTextAsync($"/api/session/items/k{key}", value);
                refused += response.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
                Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.TooManyRequests });
            }
        }

        Assert.True(refused > 0);
        Assert.All(_cluster.Admissions(), a => Assert.InRange(a.Bytes, 0, MaxBytesPerSilo));
    }

    private sealed class LimitedCluster : ClusterFixture
    {
        public IEnumerable<SessionAdmission> Admissions() =>
            Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<SessionAdmission>());

        protected override void ConfigureSilo(ISiloBuilder silo) =>
            silo.Services.Configure<SessionActivationOptions>(o =>
            {
                o.MaxActiveSessions = MaxSessionsPerSilo;
                o.MaxActiveSessionBytes = MaxBytesPerSilo;
            });
    }
}
