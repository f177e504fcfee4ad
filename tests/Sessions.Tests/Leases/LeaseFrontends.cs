using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Sessions.WebFrontend.Hosting;

namespace Sessions.Tests.Leases;

/// <summary>
/// Two frontends of the lease test cluster with one user: a writer, and a reader whose lease holder can be paused or
/// whose leased loads can be held on their way back. Both measure leases on the cluster's fake lease clock.
/// </summary>
internal sealed class LeaseFrontends : IAsyncDisposable
{
    private readonly FrontendFactory _writerFactory;
    private readonly FrontendFactory _readerFactory;
    private readonly WebApplicationFactory<Program> _writer;
    private readonly WebApplicationFactory<Program> _reader;

    public LeaseFrontends(LeaseClusterFixture cluster, ISessionGrainInterception? readerInterception = null, params (string Key, string Value)[] writerSettings)
    {
        User = $"l{Guid.NewGuid():N}"[..12];
        (string, string) secret = (TestSessionKeySecret.Key, TestSessionKeySecret.NewValue()); // one deployment: one session-key secret
        // No access report while a test advances the clocks past an expiry: a report in flight would be dated on arrival.
        (string, string) reports = ("ReadLeases:AccessReportInterval", "00:01:00");
        _writerFactory = new FrontendFactory(cluster, TestUsers.Settings([(User, "user")], [.. ClientWritableTestKeys.Pairs(), secret, reports, .. writerSettings]));
        _readerFactory = new FrontendFactory(cluster, TestUsers.Settings([(User, "user")], [.. ClientWritableTestKeys.Pairs(), secret, reports]));
        _writer = _writerFactory.WithWebHostBuilder(host => host.ConfigureTestServices(services =>
            services.AddKeyedSingleton<TimeProvider>(ReadLeaseOptions.TimeProviderKey, cluster.LeaseClock)));
        var (grains, pause) = PausableLeaseHolders.Create(
            readerInterception is null ? cluster.Grains : InterceptedGrainFactory.Create(cluster.Grains, readerInterception));
        ReaderPause = pause;
        _reader = _readerFactory.WithWebHostBuilder(host => host.ConfigureTestServices(services =>
        {
            services.AddKeyedSingleton<TimeProvider>(ReadLeaseOptions.TimeProviderKey, cluster.LeaseClock);
            services.AddSingleton(grains);
        }));
    }

    public string User { get; }

    /// <summary>What the writer frontend logged at warning level or above (for a failure message).</summary>
    public string WriterWarnings() => string.Join('\n', _writerFactory.Logs.Entries
        .Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(e => $"{e.Category}: {e.Message} {e.Exception}"));

    public PausableLeaseHolders.Control ReaderPause { get; }

    /// <summary>A browser on the writer frontend, signed in.</summary>
    public async Task<SessionClient> SignedInWriterAsync()
    {
        var client = new SessionClient(_writer.CreateDefaultClient(new Uri("http://localhost")));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.LoginAsync(User)).StatusCode);
        return client;
    }

    /// <summary>The same browser's cookie presented to the reader frontend (a load balancer sending it elsewhere).</summary>
    public SessionClient Reader(string? cookie) =>
        new(_reader.CreateDefaultClient(new Uri("http://localhost"))) { Cookie = cookie };

    public async ValueTask DisposeAsync()
    {
        ReaderPause.Resume();
        await _reader.DisposeAsync();
        await _writer.DisposeAsync();
        await _readerFactory.DisposeAsync();
        await _writerFactory.DisposeAsync();
    }
}
