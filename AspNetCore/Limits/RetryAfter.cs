using System.Globalization;

namespace Sessions.AspNetCore;

internal static class RetryAfter
{
    /// <summary>The <c>Retry-After</c> header value (whole seconds, at least 1) for a wait.</summary>
    public static string Seconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
