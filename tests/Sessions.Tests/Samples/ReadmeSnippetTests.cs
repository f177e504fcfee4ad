using System.Text.RegularExpressions;

namespace Sessions.Tests.Samples;

/// <summary>README's adoption snippets are the sample's code, which ExistingAppTests builds and runs: they compile.</summary>
public sealed partial class ReadmeSnippetTests
{
    [Fact]
    public void EveryCSharpSnippetInReadme_IsCodeOfTheSampleApp()
    {
        var readme = File.ReadAllText(Path.Combine(BuiltApps.RepositoryRoot, "README.md"));
        var sample = Lines(File.ReadAllText(Path.Combine(BuiltApps.RepositoryRoot, "samples", "ExistingApp", "Program.cs")));
        var snippets = CSharpBlock().Matches(readme).Select(m => m.Groups["code"].Value).ToList();

        Assert.NotEmpty(snippets);
        foreach (var line in snippets.SelectMany(Lines))
        {
            Assert.Contains(line, sample);
        }
    }

    private static List<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    [GeneratedRegex("```csharp\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
