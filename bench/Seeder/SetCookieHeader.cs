namespace Sessions.Bench.Seeder;

/// <summary>Reads the cookie a response sets.</summary>
public static class SetCookieHeader
{
    /// <summary>The <c>name=value</c> part of the first <c>Set-Cookie</c> header, or null when there is none.</summary>
    public static string? FirstNameValue(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            var end = value.IndexOf(';', StringComparison.Ordinal);
            var pair = (end < 0 ? value : value[..end]).Trim();
            if (pair.Contains('=', StringComparison.Ordinal))
            {
                return pair;
            }
        }

        return null;
    }
}
