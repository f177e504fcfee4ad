using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sessions.Tests.Auth;

/// <summary>
/// End-all fails closed: it answers success only when every active silo holds the new epoch generation, and a silo
/// that cannot read the epoch past <c>Auth:EpochStaleAfter</c> refuses signed-in sessions it can no longer vouch for.
/// </summary>
/// <remarks>A cluster of its own per test: each ends every session there is and cuts silos off.</remarks>
public sealed class EndAllFailsClosedTests : IAsyncLifetime
{
    private static readonly TimeSpan StaleAfter = new AuthOptions().EpochStaleAfter;

    private readonly EpochClusterFixture _cluster = new();

    public ValueTask InitializeAsync() => _cluster.InitializeAsync();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task EndAll_WithOneSiloUnreachable_Answers503NamingIt()
    {
        await using var frontend = AuthTestFrontend.Create(_cluster, users: 1, admins: 1);
        using var admin = await frontend.SignedInAsync(frontend.Users[0]);
        var unreachable = _cluster.Silos[1];
        _cluster.Faults.CutOff(unreachable);

        var response = await admin.DeleteAsync("/api/admin/sessions");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal([$"{unreachable.Endpoint.Address}:{unreachable.Endpoint.Port}"],
            problem.GetProperty("silos").EnumerateArray().Select(silo => silo.GetString()));
        Assert.Contains($"{unreachable.Endpoint.Address}:{unreachable.Endpoint.Port}", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task EndAll_EverySiloConfirms_AnswersTheNewGeneration()
    {
        var epoch = _cluster.Grains.GetGrain<IDeploymentEpochGrain>(0);

        var first = await epoch.EndAllAsync(TestContext.Current.CancellationToken);
        var second = await epoch.EndAllAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, first.Generation);
        Assert.Empty(first.UnconfirmedSilos);
        Assert.True(first.Confirmed);
        Assert.Equal(2, second.Generation);
        Assert.True(second.Confirmed);
        Assert.Equal(2, await epoch.GetGenerationAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SignedInSession_OnSilosThatCannotReadTheEpochPastTheBound_Answers503_AndIsNeverServedAgain()
    {
        await using var frontend = AuthTestFrontend.Create(_cluster, users: 2, admins: 1, settings: ClientWritableTestKeys.Pairs());
        using var admin = await frontend.SignedInAsync(frontend.Users[0]);
        using var user = await frontend.SignedInAsync(frontend.Users[1]);
        var anonymous = frontend.Client();
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/me")).StatusCode);
        foreach (var silo in _cluster.Silos) // wherever the user's session lives, its silo misses the end-all
        {
            _cluster.Faults.CutOff(silo);
        }

        await admin.DeleteAsync("/api/admin/sessions"); // stored, confirmed by no silo (the test above covers its answer)
        _cluster.RefreshTime.Advance(StaleAfter + TimeSpan.FromTicks(1)); // every refresh on the way fails

        var stale = await user.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Session cannot be vouched for", problem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PutTextAsync("/api/session/items/cart", "1 book")).StatusCode);

        foreach (var silo in _cluster.Silos)
        {
            _cluster.Faults.Reconnect(silo);
        }

        var outcome = await _cluster.Grains.GetGrain<IDeploymentEpochGrain>(0).EndAllAsync(TestContext.Current.CancellationToken);
        Assert.True(outcome.Confirmed);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Logout_OnSilosThatCannotReadTheEpoch_StillEndsTheSession()
    {
        await using var frontend = AuthTestFrontend.Create(_cluster, users: 1);
        using var user = await frontend.SignedInAsync(frontend.Users[0]);
        using var stolen = frontend.WithCookie(user.Cookie!);
        foreach (var silo in _cluster.Silos)
        {
            _cluster.Faults.CutOff(silo);
        }

        _cluster.RefreshTime.Advance(StaleAfter + TimeSpan.FromTicks(1));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await user.GetAsync("/api/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await user.PostAsync("/api/auth/logout")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stolen.GetAsync("/api/me")).StatusCode); // gone, not merely refused
    }

    [Fact]
    public async Task Push_ToAnActivationOffTheSiloItsKeyNames_ConfirmsNothing()
    {
        var gone = SiloAddress.New(IPAddress.Loopback, 1, 1); // not a silo of the cluster: placement puts it elsewhere

        var confirmed = await _cluster.Grains.GetGrain<ISiloSessionEpochGrain>(gone.ToParsableString())
            .AdvanceAsync(1, TestContext.Current.CancellationToken);

        Assert.False(confirmed);
    }

    [Fact]
    public async Task PreviousReleaseEndAll_WithOneSiloUnreachable_Fails()
    {
        _cluster.Faults.CutOff(_cluster.Silos[0]);

        var failure = await Assert.ThrowsAsync<OrleansException>(
            async () => await _cluster.Grains.GetGrain<IDeploymentEpochGrain>(0).EndAllSessionsAsync(TestContext.Current.CancellationToken));

        Assert.Contains($"{_cluster.Silos[0].Endpoint.Address}:{_cluster.Silos[0].Endpoint.Port}", failure.Message);
    }
}
