using Microsoft.AspNetCore.Http.Features;

namespace Sessions.AspNetCore;

public static class HttpContextSessionExtensions
{
    /// <summary>The request's <see cref="OrleansSession"/>; the session middleware must have run.</summary>
    public static OrleansSession GetOrleansSession(this HttpContext http) =>
        http.Features.Get<ISessionFeature>()?.Session as OrleansSession
        ?? throw new InvalidOperationException("No Orleans session for this request: call UseOrleansSessions() (or UseSession() with AddOrleansSessions()) before the endpoints.");

    /// <summary>The request's session itself, for the REST API's handlers.</summary>
    internal static RequestSession GetRequestSession(this HttpContext http) => http.GetOrleansSession().Request;
}
