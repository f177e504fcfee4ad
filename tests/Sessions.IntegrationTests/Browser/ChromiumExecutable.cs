namespace Sessions.Tests.Browser;

/// <summary>
/// The Chromium the browser tests drive: <c>CHROMIUM_PATH</c>, else Debian's package. Playwright's own browser builds
/// are never downloaded, and a missing Chromium fails the tests rather than skipping them.
/// </summary>
internal static class ChromiumExecutable
{
    public const string PathVariable = "CHROMIUM_PATH";

    private const string DebianPath = "/usr/bin/chromium";

    public static string Find()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        var path = string.IsNullOrWhiteSpace(configured) ? DebianPath : configured;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"No Chromium at {path}: install Debian's chromium (apt-get install chromium; .ci/run does) or set {PathVariable} to a Chromium executable.");
    }
}
