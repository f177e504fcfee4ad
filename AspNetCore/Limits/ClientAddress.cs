namespace Sessions.AspNetCore;

public static class ClientAddress
{
    /// <summary>
    /// The client's address: the connection's, which the forwarded-headers middleware replaces by the
    /// <c>X-Forwarded-For</c> one only for requests from <c>Frontend:KnownProxies</c>.
    /// </summary>
    public static string Of(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
