namespace Sessions.AspNetCore;

/// <summary>
/// Warns once when a request arrives over HTTP saying <c>X-Forwarded-Proto: https</c> from an address that is not a
/// known proxy: a TLS-terminating proxy the app does not trust, so the session cookie goes out without <c>Secure</c>
/// and without its <c>__Host-</c> prefix.
/// </summary>
internal sealed class UntrustedForwardedProtoWarning(RequestDelegate next, ILogger<UntrustedForwardedProtoWarning> logger)
{
    private int _warned;

    public Task InvokeAsync(HttpContext context)
    {
        if (Volatile.Read(ref _warned) == 0 && !context.Request.IsHttps
            && string.Equals(context.Request.Headers["X-Forwarded-Proto"], "https", StringComparison.OrdinalIgnoreCase)
            && Interlocked.Exchange(ref _warned, 1) == 0)
        {
            logger.UntrustedForwardedProto(ClientAddress.Of(context));
        }

        return next(context);
    }
}
