using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Sessions.WebFrontend.Hosting;
using Sessions.AspNetCore;

namespace Sessions.Tests.Fixtures;

/// <summary>The real WebFrontend in the Testing environment, talking to the test cluster's client.</summary>
public sealed class FrontendFactory(ClusterFixture cluster, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    /// <summary>What the frontend logged; <see cref="LogRecorder.Errors"/> says why a request answered 500.</summary>
    public LogRecorder Logs { get; } = new();

    /// <summary>A client that fails the test on any 500 (with the frontend's error log) and carries the session cookie like a browser.</summary>
    public SessionClient CreateSessionClient(bool https = false) =>
        new(CreateDefaultClient(new Uri(https ? "https://localhost" : "http://localhost"), new NoServerErrorsHandler(Logs)));

    /// <summary>As <see cref="CreateSessionClient(bool)"/>, for a browser at its own client address (the test server has none).</summary>
    public SessionClient CreateSessionClient(System.Net.IPAddress from) =>
        new(new HttpClient(new NoServerErrorsHandler(Logs) { InnerHandler = Server.CreateHandler(http => http.Connection.RemoteIpAddress = from) })
        {
            BaseAddress = new Uri("http://localhost"),
        });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(FrontendHostingExtensions.TestingEnvironment);
        builder.UseSetting("SessionCookie:KeyRingPath", string.Empty);
        if (settings?.Keys.Any(key => key.StartsWith("ConnectionStrings:", StringComparison.Ordinal)) != true)
        {
            // Testing is not Development: a secret is required unless a key ring in PostgreSQL keeps one.
            builder.UseSetting(TestSessionKeySecret.Key, TestSessionKeySecret.NewValue());
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(cluster.Grains);
            services.AddSingleton<TimeProvider>(cluster.Time); // one clock for silos and frontend (throttled-login log)
            // Grain-call budgets stay on real time, as the silos' Orleans infrastructure does: advancing the session
            // clock must not time out calls in flight. SessionCallPolicyTests drive them with a fake clock.
            services.AddSingleton(provider => ActivatorUtilities.CreateInstance<SessionCallPolicy>(provider, TimeProvider.System));
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
        });
    }

    private sealed class NoServerErrorsHandler(LogRecorder logs) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            Assert.True(response.StatusCode != System.Net.HttpStatusCode.InternalServerError,
                $"{request.Method} {request.RequestUri} answered 500:\n{logs.Errors()}");
            return response;
        }
    }
}
