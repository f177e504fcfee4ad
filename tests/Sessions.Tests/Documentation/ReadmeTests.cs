using System.Text.RegularExpressions;

namespace Sessions.Tests.Documentation;

/// <summary>README is a page for a person deciding: short, with every docs page one link away, and no dead link.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Root = BuiltApps.RepositoryRoot;

    [Fact]
    public void Readme_IsAtMost300Lines()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "README.md")).Length;
        Assert.True(lines <= 300, $"README.md has {lines} lines; move deep material into docs/.");
    }

    [Fact]
    public void Readme_LinksEveryDocsPage()
    {
        var links = RelativeLinks(Path.Combine(Root, "README.md")).ToHashSet(StringComparer.Ordinal);
        foreach (var page in Directory.GetFiles(Path.Combine(Root, "docs"), "*.md"))
        {
            Assert.Contains("docs/" + Path.GetFileName(page), links);
        }
    }

    [Fact]
    public void EveryRelativeLinkOfReadmeAndDocs_PointsToAFileOfTheRepository()
    {
        var pages = Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Append(Path.Combine(Root, "README.md"));
        foreach (var page in pages)
        {
            foreach (var link in RelativeLinks(page))
            {
                var target = Path.GetFullPath(link, Path.GetDirectoryName(page)!);
                Assert.True(File.Exists(target) || Directory.Exists(target), $"{Path.GetRelativePath(Root, page)} links {link}, which does not exist.");
            }
        }
    }

    private static IEnumerable<string> RelativeLinks(string page) => MarkdownLink().Matches(File.ReadAllText(page))
        .Select(m => m.Groups["target"].Value)
        .Where(target => target.Length > 0 && !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("mailto:", StringComparison.Ordinal));

    [GeneratedRegex(@"\]\((?<target>[^)#\s]*)(#[^)]*)?\)")]
    private static partial Regex MarkdownLink();
}
