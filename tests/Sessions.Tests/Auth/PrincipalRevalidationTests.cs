using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sessions.Tests.Auth;

/// <summary>
/// ASVS 5.0 V7.4.5 (sessions of a removed user end) and the roles a session carries: a signed-in session's user and
/// roles are checked against the app's source of truth (the demo: <c>Auth:Users</c>, read live) once per
/// <c>Auth:PrincipalRevalidationInterval</c>; a removed role is gone and a removed user's sessions end within it.
/// </summary>
[Collection(AuthClusterCollection.Name)]
public sealed class PrincipalRevalidationTests(AuthClusterFixture cluster)
{
    private static readonly TimeSpan Interval = new AuthOptions().PrincipalRevalidationInterval;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RemovedRoleIsGoneWithinTheRevalidationInterval()
    {
        var admin = NewUserName();
        var settings = new ReloadableSettings(TestUsers.Settings([(admin, "admin")]));
        await using var frontend = Frontend(settings);
        using var browser = Client(frontend);
        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync(admin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/admin/cluster")).StatusCode);

        settings.Set($"Auth:Users:{admin}:Roles:0", "user");
        settings.Reload();
        cluster.Time.Advance(Interval + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/admin/cluster")).StatusCode);
        var me = await AuthTestFrontend.MeAsync(browser);
        Assert.Equal(["user"], me.GetProperty("roles").EnumerateArray().Select(role => role.GetString()));
    }

    [Fact]
    public async Task RemovedUserSessionEndsWithinTheRevalidationInterval()
    {
        var user = NewUserName();
        var settings = new ReloadableSettings(TestUsers.Settings([(user, "user")]));
        await using var frontend = Frontend(settings);
        using var browser = Client(frontend);
        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync(user)).StatusCode);
        var cookie = browser.Cookie!;

        settings.RemoveSection($"Auth:Users:{user}");
        settings.Reload();
        cluster.Time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode); // not checked before the interval
        cluster.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
        Assert.Null(browser.Cookie); // cleared
        Assert.Empty(await cluster.Grains.GetGrain<IUserSessionsGrain>(user).ListAsync(Ct)); // ended server-side
        using var replay = Client(frontend);
        replay.Cookie = cookie;
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task RevalidationRunsOncePerIntervalUnderConcurrentRequests()
    {
        var user = NewUserName();
        var validator = new CountingValidator();
        await using var frontend = Frontend(new ReloadableSettings(TestUsers.Settings([(user, "user")])), validator);
        using var browser = Client(frontend);
        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync(user)).StatusCode);

        cluster.Time.Advance(Interval + TimeSpan.FromSeconds(1));
        validator.HoldFirstCall();
        var requests = Enumerable.Range(0, 20).Select(_ => browser.GetAsync("/api/me")).ToList();
        while (requests.Count(request => request.IsCompleted) < requests.Count - 1)
        {
            await Task.WhenAny(requests.Where(request => !request.IsCompleted)); // all but the one whose check is held
        }

        validator.Release();
        var responses = await Task.WhenAll(requests);

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(1, validator.Calls); // the other 19 ran while the check was held, and did not check
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);
        Assert.Equal(1, validator.Calls); // checked: not again within the interval

        cluster.Time.Advance(Interval + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);
        Assert.Equal(2, validator.Calls);
    }

    [Fact]
    public async Task SignOutEverywhereOnAPasswordChangeIsOneCall()
    {
        var user = NewUserName();
        await using var frontend = Frontend(new ReloadableSettings(TestUsers.Settings([(user, "user")])));
        using var laptop = Client(frontend);
        using var phone = Client(frontend);
        Assert.Equal(HttpStatusCode.OK, (await laptop.LoginAsync(user)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.LoginAsync(user)).StatusCode);

        var ended = await frontend.Services.GetRequiredService<SessionGrains>().EndUserSessionsAsync(user, cancellationToken: Ct);

        Assert.Equal(2, ended);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/me")).StatusCode);
    }

    private static string NewUserName() => $"rv-{Guid.NewGuid():N}"[..12];

    /// <summary>The demo frontend with its users in <paramref name="settings"/>, and optionally another principal validator.</summary>
    private WebApplicationFactory<Program> Frontend(ReloadableSettings settings, ISessionPrincipalValidator? validator = null) =>
        new FrontendFactory(cluster).WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration((_, configuration) => configuration.Add(settings));
            if (validator is not null)
            {
                builder.ConfigureTestServices(services => services.AddSingleton(validator));
            }
        });

    private static SessionClient Client(WebApplicationFactory<Program> frontend) => new(frontend.CreateDefaultClient());

    /// <summary>Counts its checks; after <see cref="HoldFirstCall"/> the next check waits for <see cref="Release"/>.</summary>
    private sealed class CountingValidator : ISessionPrincipalValidator
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;
        private int _holdAt = -1;

        public int Calls => Volatile.Read(ref _calls);

        public void HoldFirstCall() => Volatile.Write(ref _holdAt, Calls + 1);

        public void Release() => _released.TrySetResult();

        public async ValueTask<SessionPrincipalVerdict> ValidateAsync(SessionPrincipal principal, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == Volatile.Read(ref _holdAt))
            {
                await _released.Task.WaitAsync(cancellationToken);
            }

            return SessionPrincipalVerdict.Valid(principal.Roles);
        }
    }
}
