namespace Sessions.AspNetCore;

public static class ClientAddress
{
    /// <summary>
    /// The client's address: the connection's, which the forwarded-headers middleware replaces by the
    /// <c>X-Forwarded-For</c> one only for requests from <c>Frontend:KnownProxies</c>.
    /// </summary>
    public static string Of(HttpContext http) => IpOf(http)?.ToString() ?? "unknown";

    /// <summary>The client's address as <see cref="Of"/> determines it, as an <see cref="System.Net.IPAddress"/>; null when unknown.</summary>
    public static System.Net.IPAddress? IpOf(HttpContext http) => http.Connection.RemoteIpAddress;
}
