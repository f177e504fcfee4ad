using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

public static class KnownProxiesApplicationBuilderExtensions
{
    /// <summary>
    /// Believes <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> from <c>Frontend:KnownProxies</c> only (nothing when
    /// none is configured), and warns once when an HTTP request says <c>X-Forwarded-Proto: https</c> from anywhere else.
    /// Call it first, so every later step sees the client's address and scheme.
    /// </summary>
    public static IApplicationBuilder UseKnownProxies(this IApplicationBuilder app)
    {
        var proxies = app.ApplicationServices.GetRequiredService<IOptions<FrontendOptions>>().Value.KnownProxies;
        if (proxies.Count == 0)
        {
            return app.UseMiddleware<UntrustedForwardedProtoWarning>();
        }

        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        foreach (var proxy in proxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        return app.UseForwardedHeaders(forwarded).UseMiddleware<UntrustedForwardedProtoWarning>();
    }
}
