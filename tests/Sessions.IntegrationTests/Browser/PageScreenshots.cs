using Microsoft.Playwright;

namespace Sessions.Tests.Browser;

/// <summary>
/// Full-page PNGs of the demo pages: test artifacts under <c>tests/Sessions.IntegrationTests/TestResults/screenshots</c>,
/// and with <c>SESSIONS_UPDATE_SCREENSHOTS=1</c> the documented ones also replace the pictures in <c>docs/screenshots</c>.
/// </summary>
internal static class PageScreenshots
{
    public const string UpdateVariable = "SESSIONS_UPDATE_SCREENSHOTS";

    private static readonly string ArtifactFolder =
        Path.Combine(BuiltApps.RepositoryRoot, "tests", "Sessions.IntegrationTests", "TestResults", "screenshots");
    private static readonly string DocsFolder = Path.Combine(BuiltApps.RepositoryRoot, "docs", "screenshots");

    public static async Task SaveAsync(IPage page, string name, bool documented = false)
    {
        Directory.CreateDirectory(ArtifactFolder);
        var artifact = Path.Combine(ArtifactFolder, name + ".png");
        await page.ScreenshotAsync(new() { Path = artifact, FullPage = true });
        if (documented && Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(DocsFolder);
            File.Copy(artifact, Path.Combine(DocsFolder, name + ".png"), overwrite: true);
        }
    }
}
