namespace Sessions.Grains.Interfaces;

/// <summary>What a session item key may look like.</summary>
public static class SessionKeyRules
{
    /// <summary>
    /// What the grain accepts: 1 to <paramref name="maxLength"/> characters of any kind, so code written against
    /// <c>HttpContext.Session</c> keeps its keys.
    /// </summary>
    public static bool IsWithinLimits(string? key, int maxLength) => !string.IsNullOrEmpty(key) && key.Length <= maxLength;

    /// <summary>What the REST API accepts in a URL: 1 to <paramref name="maxLength"/> characters of <c>[A-Za-z0-9._:-]</c>.</summary>
    public static bool IsValid(string? key, int maxLength)
    {
        if (string.IsNullOrEmpty(key) || key.Length > maxLength)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or ':' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
