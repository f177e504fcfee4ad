namespace Sessions.WebFrontend;

/// <summary>Client-supplied text made safe for a log line: control characters (line breaks above all) escaped.</summary>
internal static class LogText
{
    public static string Escaped(string value) =>
        value.Any(char.IsControl)
            ? string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()))
            : value;
}
