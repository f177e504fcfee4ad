using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Sessions.WebFrontend.Auth;

namespace Sessions.Tests.Security;

/// <summary>
/// The login throttle shared by the cluster (<see cref="LoginAttemptThrottle"/>, one <see cref="ILoginThrottleGrain"/> per
/// account): a check is reserved before the password is checked, every frontend draws on the same budget, and an
/// attacker's failures from one /64 do not lock the owner out from another address. Defaults: 5 checks per address
/// prefix and account, 20 per account from prefixes that have not signed in.
/// </summary>
[Collection(AuthClusterCollection.Name)]
public sealed class LoginThrottleTests(AuthClusterFixture cluster)
{
    private const int AddressBurst = 5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConcurrentWrongPasswordsPassAtMostTheAllowedChecks()
    {
        const int Attempts = 20;
        await using var frontend = AuthTestFrontend.Create(cluster, users: 1);
        var gate = new CheckGate(Attempts);
        await using var counted = frontend.Factory.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
            services.AddSingleton<ICredentialValidator>(provider =>
                new GatedValidator(ActivatorUtilities.CreateInstance<ConfiguredUserValidator>(provider), gate))));
        var user = frontend.Users[0];

        // Every check waits until all attempts are either checking or answered, so all of them race the throttle together.
        var statuses = await Task.WhenAll(Enumerable.Range(0, Attempts).Select(async _ =>
        {
            using var client = new SessionClient(counted.CreateClient());
            var response = await client.LoginAsync(user, "wrong");
            gate.Answered();
            return response.StatusCode;
        }));

        Assert.Equal(AddressBurst, gate.Checks);
        Assert.Equal(AddressBurst, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(Attempts - AddressBurst, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task TwoFrontendsShareOneAccountsCount()
    {
        var secret = (TestSessionKeySecret.Key, TestSessionKeySecret.NewValue());
        await using var first = AuthTestFrontend.Create(cluster, users: 1, settings: [secret]);
        var user = first.Users[0];
        await using var second = new FrontendFactory(cluster, TestUsers.Settings([(user, "user")], secret));

        for (var i = 0; i < AddressBurst; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginFromAsync(first.Factory, user, "wrong", "192.0.2.10")).Status);
        }

        // The second frontend never saw a failure, yet the account's budget for that address is spent: even the right
        // password is not checked.
        var refused = await LoginFromAsync(second, user, TestUsers.PasswordOf(user), "192.0.2.10");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(HttpStatusCode.OK, (await LoginFromAsync(second, user, TestUsers.PasswordOf(user), "192.0.2.11")).Status);
    }

    [Fact]
    public async Task AttackerFailuresFromOneSlash64DoNotStopTheOwnerFromAnotherAddress()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 1);
        var user = frontend.Users[0];

        // A new address for every guess, all in one /64: the /64 has one budget.
        var attacker = new List<HttpStatusCode>();
        for (var i = 1; i <= 3 * AddressBurst; i++)
        {
            attacker.Add((await LoginFromAsync(frontend.Factory, user, "guess" + i, $"2001:db8:bad:1::{i:x}")).Status);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, AddressBurst), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2 * AddressBurst)], attacker);
        Assert.Equal(HttpStatusCode.OK, (await LoginFromAsync(frontend.Factory, user, TestUsers.PasswordOf(user), "2001:db8:600d:2::7")).Status);
        Assert.Equal(HttpStatusCode.OK, (await LoginFromAsync(frontend.Factory, user, TestUsers.PasswordOf(user), "198.51.100.7")).Status);
    }

    [Fact]
    public async Task AttackerFromManySlash64s_SpendsTheAccountBudget_TheOwnerStillSignsInWhereSheDidBefore()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 1);
        var user = frontend.Users[0];
        var options = new LoginThrottleOptions();
        Assert.Equal(HttpStatusCode.OK, (await LoginFromAsync(frontend.Factory, user, TestUsers.PasswordOf(user), "198.51.100.7")).Status);

        var checks = 0;
        for (var net = 1; net <= options.AccountBurst / AddressBurst + 1; net++)
        {
            for (var i = 0; i < AddressBurst; i++)
            {
                checks += (await LoginFromAsync(frontend.Factory, user, "guess", $"2001:db8:bad:{net:x}::1")).Status == HttpStatusCode.Unauthorized ? 1 : 0;
            }
        }

        Assert.Equal(options.AccountBurst, checks);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginFromAsync(frontend.Factory, user, TestUsers.PasswordOf(user), "203.0.113.50")).Status);
        Assert.Equal(HttpStatusCode.OK, (await LoginFromAsync(frontend.Factory, user, TestUsers.PasswordOf(user), "198.51.100.7")).Status);
    }

    [Fact]
    public async Task ThrottledLogin_Answers429ProblemJsonWithRetryAfter_CountedEachTime_LoggedOncePerPrefix()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 1);
        var user = frontend.Users[0];
        using var throttled = new ThrottledCounter(frontend.Factory.Services.GetRequiredService<IMeterFactory>());
        for (var i = 0; i < AddressBurst; i++)
        {
            await LoginFromAsync(frontend.Factory, user, "wrong", "192.0.2.77");
        }

        var answers = new List<LoginAnswer>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await LoginFromAsync(frontend.Factory, user, "wrong", "192.0.2.77"));
        }

        Assert.All(answers, answer =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, answer.Status);
            Assert.Equal("application/problem+json", answer.ContentType);
            Assert.Equal("360", answer.RetryAfter); // one check comes back every 6 minutes
        });
        Assert.Equal(3, throttled.Total);
        var logged = frontend.Factory.Logs.Values(3200).ToList();
        Assert.Equal("192.0.2.77/32", Assert.Single(logged)["AddressPrefix"]);
    }

    [Fact]
    public void ManyAccounts_KeepMemoryBounded_TheirGrainsLeaveAfterIdleDeactivation()
    {
        var expected = new LoginThrottleOptions().IdleDeactivation;
        Assert.All(cluster.Cluster.Silos, silo => Assert.Equal(expected, silo.ServiceProvider
            .GetRequiredService<Microsoft.Extensions.Options.IOptions<Orleans.Configuration.GrainCollectionOptions>>().Value
            .ClassSpecificCollectionAge[typeof(LoginThrottleGrain).FullName!]));
    }

    private static async Task<LoginAnswer> LoginFromAsync(WebApplicationFactory<Program> factory, string user, string password, string remote)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { userName = user, password });
        var context = await factory.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            http.Request.Method = "POST";
            http.Request.Path = "/api/auth/login";
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream(body);
            http.Request.ContentLength = body.Length;
        }, Ct);
        var response = context.Response;
        return new LoginAnswer((HttpStatusCode)response.StatusCode, response.ContentType, response.Headers.RetryAfter.ToString());
    }

    private sealed record LoginAnswer(HttpStatusCode Status, string? ContentType, string RetryAfter);

    /// <summary>Holds every password check until each of <c>attempts</c> is either checking or answered; counts the checks.</summary>
    private sealed class CheckGate(int attempts)
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _lock = new();
        private int _checks;
        private int _answered;

        public int Checks => Volatile.Read(ref _checks);

        public Task CheckingAsync(CancellationToken cancellationToken)
        {
            Arrived(ref _checks);
            return _open.Task.WaitAsync(cancellationToken);
        }

        public void Answered() => Arrived(ref _answered);

        private void Arrived(ref int count)
        {
            lock (_lock)
            {
                count++;
                if (_checks + _answered >= attempts)
                {
                    _open.TrySetResult();
                }
            }
        }
    }

    private sealed class GatedValidator(ICredentialValidator inner, CheckGate gate) : ICredentialValidator
    {
        public async ValueTask<UserAccount?> ValidateAsync(string userName, string password, CancellationToken cancellationToken)
        {
            await gate.CheckingAsync(cancellationToken);
            return await inner.ValidateAsync(userName, password, cancellationToken);
        }
    }

    /// <summary>Sums <c>sessions.frontend.logins_throttled</c> from the meters of one host.</summary>
    private sealed class ThrottledCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public ThrottledCounter(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == "sessions.frontend.logins_throttled")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
            _listener.Start();
        }

        public long Total => Interlocked.Read(ref _total);

        public void Dispose() => _listener.Dispose();
    }
}
