using System.Reflection;
using System.Text.RegularExpressions;

namespace Sessions.Tests.Configuration;

/// <summary>
/// The configuration tables of docs/configuration.md match the options classes. After changing an option, regenerate
/// them with <c>SESSIONS_UPDATE_DOCS=1 dotnet test tests/Sessions.Tests --filter "FullyQualifiedName~ConfigurationTableTests"</c>.
/// </summary>
public sealed partial class ConfigurationTableTests
{
    private const string UpdateVariable = "SESSIONS_UPDATE_DOCS";
    private static readonly string DocumentPath = Path.Combine(BuiltApps.RepositoryRoot, "docs", "configuration.md");

    [Fact]
    public void EveryOptionsClass_NamesItsSectionAndReaders()
    {
        Assert.NotEmpty(ConfigurationTable.OptionsClasses);
        Assert.All(ConfigurationTable.OptionsClasses, type =>
            Assert.Equal(type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue(),
                ConfigurationTable.Section(type).Name));
    }

    [Fact]
    public void Document_HasARowForEveryOption()
    {
        var documented = KeyColumn().Matches(Between(File.ReadAllText(DocumentPath), ConfigurationTable.OptionsStart, ConfigurationTable.OptionsEnd))
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

        var missing = ConfigurationTable.Rows().Select(r => r.Key).Where(k => !documented.Contains(k)).ToList();

        Assert.True(missing.Count == 0, $"docs/configuration.md's configuration table lacks: {string.Join(", ", missing)}. Regenerate it ({UpdateVariable}=1).");
    }

    [Fact]
    public void Document_ConfigurationTable_IsGeneratedFromTheOptionsClasses() =>
        AssertSection(ConfigurationTable.OptionsStart, ConfigurationTable.OptionsEnd, ConfigurationTable.Markdown());

    [Fact]
    public void Document_DeprecatedKeysTable_ListsEveryDeprecatedKey() =>
        AssertSection(ConfigurationTable.DeprecatedStart, ConfigurationTable.DeprecatedEnd, ConfigurationTable.DeprecatedMarkdown());

    private static void AssertSection(string start, string end, string generated)
    {
        var document = File.ReadAllText(DocumentPath);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            var from = document.IndexOf(start, StringComparison.Ordinal) + start.Length;
            var to = document.IndexOf(end, StringComparison.Ordinal);
            File.WriteAllText(DocumentPath, document[..from] + "\n" + generated + document[to..]);
            return;
        }

        Assert.Equal(generated.Trim(), Between(document, start, end).Trim());
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, $"docs/configuration.md lacks the markers {start} … {end}.");
        return text[(from + start.Length)..to];
    }

    [GeneratedRegex(@"^\| `([^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex KeyColumn();
}
