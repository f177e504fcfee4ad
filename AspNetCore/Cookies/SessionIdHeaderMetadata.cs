namespace Sessions.AspNetCore;

/// <summary>
/// Endpoint metadata: the session value of requests to this endpoint travels in the header <see cref="HeaderName"/>
/// (request and response), never in the cookie. The server-to-server API sets it.
/// </summary>
internal sealed class SessionIdHeaderMetadata(string headerName)
{
    public string HeaderName { get; } = headerName;
}
