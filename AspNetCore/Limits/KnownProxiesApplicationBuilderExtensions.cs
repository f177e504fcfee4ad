using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

public static class KnownProxiesApplicationBuilderExtensions
{
    /// <summary>
    /// Believes <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> from <c>Frontend:KnownProxies</c> only (nothing when
    /// none is configured) Call it first, so every later step sees the client's address.
    /// </summary>
    public static IApplicationBuilder UseKnownProxies(this IApplicationBuilder app)
    {
        var proxies = app.ApplicationServices.GetRequiredService<IOptions<FrontendOptions>>().Value.KnownProxies;
        if (proxies.Count == 0)
        {
            return app;
        }

        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        foreach (var proxy in proxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        return app.UseForwardedHeaders(forwarded);
    }
}
