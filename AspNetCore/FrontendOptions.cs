using Sessions.Configuration;

namespace Sessions.AspNetCore;

/// <summary>Where the frontend's silo runs. Bound from the <c>Frontend</c> configuration section.</summary>
/// <remarks>
/// How client mode finds the silos is <c>Cluster:Membership</c> (with <c>Cluster:GatewayPort</c> or
/// <c>ConnectionStrings:Sessions</c>), and which cluster is <c>Orleans:ServiceId</c> / <c>Orleans:ClusterId</c>: the
/// same keys the silos read.
/// </remarks>
[ConfigurationSection(SectionName, ConfigurationReaders.Frontend)]
public sealed class FrontendOptions
{
    public const string SectionName = "Frontend";

    /// <summary><c>Embedded</c>: host a silo in this process; <c>Client</c>: connect to separate Silo processes.</summary>
    public FrontendMode Mode { get; set; } = FrontendMode.Embedded;

    /// <summary>Addresses of reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed (client address for rate limits and session lists, HTTPS for the cookie). Empty: the headers are ignored.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>On SIGTERM, `/readyz` answers 503 ("stopping") for this long while requests are still served, so a load balancer takes the frontend out of rotation before it stops listening (5-10 s behind one; 0: stop at once).</summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;
}
