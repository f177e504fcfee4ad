namespace Sessions.AspNetCore;

public static class OrleansSessionApplicationBuilderExtensions
{
    /// <summary>
    /// <c>HttpContext.Session</c> on Orleans session grains, in place of <c>app.UseSession()</c>: the same
    /// <see cref="Microsoft.AspNetCore.Http.Features.ISessionFeature"/>, without the stock middleware's per-request key
    /// generation and data protection. Needs <c>AddOrleansSessions()</c>.
    /// </summary>
    public static IApplicationBuilder UseOrleansSessions(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetService<IServiceProviderIsService>()?.IsService(typeof(OrleansSessionFactory)) != true)
        {
            throw new InvalidOperationException("UseOrleansSessions() needs services.AddOrleansSessions().");
        }

        return app.UseMiddleware<OrleansSessionMiddleware>();
    }
}
