using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;

namespace Sessions.Tests.Configuration;

/// <summary>
/// the configuration table in docs/configuration.mds, generated from the options classes (<see cref="ConfigurationSectionAttribute"/>),
/// their defaults and their XML documentation, and from <see cref="DeprecatedConfigurationKey.All"/>.
/// </summary>
public static partial class ConfigurationTable
{
    public const string OptionsStart = "<!-- configuration-table:start (generated from the options classes; see Tests) -->";
    public const string OptionsEnd = "<!-- configuration-table:end -->";
    public const string DeprecatedStart = "<!-- deprecated-keys:start (generated from DeprecatedConfigurationKey.All) -->";
    public const string DeprecatedEnd = "<!-- deprecated-keys:end -->";

    private static readonly Assembly[] Assemblies =
    [
        typeof(ConfigurationSectionAttribute).Assembly,                  // Configuration
        typeof(Sessions.Grains.SessionExpiryOptions).Assembly,          // Grains
        typeof(Sessions.Storage.SessionStorageKind).Assembly,           // Storage
        typeof(SiloHostingOptions).Assembly,                            // Hosting
        typeof(Sessions.AspNetCore.FrontendOptions).Assembly,          // AspNetCore
        typeof(Program).Assembly,                                       // WebFrontend (the demo)
    ];

    /// <summary>Every options class of the solution: each type with a <c>SectionName</c> constant.</summary>
    public static IReadOnlyList<Type> OptionsClasses { get; } = Assemblies
        .SelectMany(a => a.GetTypes())
        .Where(t => t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    /// <summary>One row per key: the options classes' keys, sorted by section, after the keys other owners bind.</summary>
    public static IReadOnlyList<ConfigurationRow> Rows()
    {
        var docs = new Documentation(Assemblies);
        var rows = new List<ConfigurationRow>
        {
            new("Urls", "`http://localhost:5080`", "frontend", "where the WebFrontend listens (ASP.NET Core's own key; set in `appsettings.json`)"),
            new("Orleans:ServiceId", Code(SessionsConfigurationHostingExtensions.DefaultServiceId), "both",
                docs.Field(typeof(SessionsConfigurationHostingExtensions), nameof(SessionsConfigurationHostingExtensions.DefaultServiceId))),
            new("Orleans:ClusterId", Code(SessionsConfigurationHostingExtensions.DefaultClusterId), "both",
                docs.Field(typeof(SessionsConfigurationHostingExtensions), nameof(SessionsConfigurationHostingExtensions.DefaultClusterId))),
        };
        foreach (var type in OptionsClasses.OrderBy(t => Section(t).Name, StringComparer.Ordinal))
        {
            var section = Section(type);
            AddRows(rows, docs, type, Activator.CreateInstance(type)!, section.Name, section.Readers);
        }

        return rows;
    }

    public static string Markdown()
    {
        var text = new StringBuilder()
            .AppendLine("| Key | Default | Environment variable | Read by | Meaning |")
            .AppendLine("|---|---|---|---|---|");
        foreach (var row in Rows())
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| `{row.Key}` | {row.Default} | `{row.Key.Replace(":", "__", StringComparison.Ordinal)}` | {row.ReadBy} | {row.Meaning.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        return text.ToString();
    }

    public static string DeprecatedMarkdown()
    {
        var text = new StringBuilder()
            .AppendLine("| Deprecated key | Use instead | Environment variable |")
            .AppendLine("|---|---|---|");
        foreach (var key in DeprecatedConfigurationKey.All)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{key.OldKey}` | `{key.NewKey}` | `{key.NewEnvironmentVariable}` |");
        }

        return text.ToString();
    }

    public static ConfigurationSectionAttribute Section(Type type) =>
        type.GetCustomAttribute<ConfigurationSectionAttribute>()
        ?? throw new InvalidOperationException($"{type.FullName} has a SectionName but no [ConfigurationSection].");

    private static void AddRows(
        List<ConfigurationRow> rows, Documentation docs, Type type, object defaults, string prefix, ConfigurationReaders readers)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
        {
            var key = $"{prefix}:{property.Name}";
            var value = property.GetValue(defaults);
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType.IsClass && propertyType != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(propertyType))
            {
                AddRows(rows, docs, propertyType, value ?? Activator.CreateInstance(propertyType)!, key, readers);
                continue;
            }

            var readBy = property.GetCustomAttribute<ReadByAttribute>()?.Readers ?? readers;
            rows.Add(new ConfigurationRow(key, Format(value), Describe(readBy), docs.Property(type, property.Name)));
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "—",
        string { Length: 0 } => "(empty)",
        System.Collections.ICollection { Count: 0 } => "(none)",
        bool b => Code(b ? "true" : "false"),
        TimeSpan t => Code(t.ToString("c", CultureInfo.InvariantCulture)),
        IFormattable f => Code(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => Code(value.ToString()!),
    };

    private static string Code(string text) => $"`{text}`";

    private static string Describe(ConfigurationReaders readers)
    {
        var names = new List<string>();
        if (readers.HasFlag(ConfigurationReaders.Silo | ConfigurationReaders.Frontend))
        {
            names.Add("both");
        }
        else if (readers.HasFlag(ConfigurationReaders.Silo))
        {
            names.Add("silo");
        }
        else if (readers.HasFlag(ConfigurationReaders.Frontend))
        {
            names.Add("frontend");
        }

        if (readers.HasFlag(ConfigurationReaders.Migrate))
        {
            names.Add("migrate");
        }

        return string.Join(", ", names);
    }

    /// <summary>The summaries of the assemblies' XML documentation files, as one line of Markdown each.</summary>
    private sealed partial class Documentation(IEnumerable<Assembly> assemblies)
    {
        private readonly Dictionary<string, string> _summaries = assemblies
            .Select(a => Path.ChangeExtension(a.Location, ".xml"))
            .Where(File.Exists)
            .SelectMany(path => XDocument.Load(path).Descendants("member"))
            .Where(m => m.Element("summary") is not null)
            .ToDictionary(m => (string)m.Attribute("name")!, m => ToMarkdown(m.Element("summary")!), StringComparer.Ordinal);

        public string Property(Type type, string name) => Summary($"P:{type.FullName}.{name}");

        public string Field(Type type, string name) => Summary($"F:{type.FullName}.{name}");

        private string Summary(string member) =>
            _summaries.TryGetValue(member, out var summary)
                ? summary
                : throw new InvalidOperationException($"{member} has no <summary>: the configuration table in docs/configuration.md needs one.");

        private static string ToMarkdown(XElement summary)
        {
            var text = new StringBuilder();
            foreach (var node in summary.Nodes())
            {
                text.Append(node switch
                {
                    XText t => t.Value,
                    XElement { Name.LocalName: "c" } c => $"`{c.Value}`",
                    XElement { Name.LocalName: "see" } see => $"`{ShortName((string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? "")}`",
                    XElement e => e.Value,
                    _ => "",
                });
            }

            return Spaces().Replace(text.ToString(), " ").Trim();
        }

        /// <summary><c>M:A.B.Method``1(``0)</c> becomes <c>Method</c>.</summary>
        private static string ShortName(string cref) => cref.Split('(')[0].Split('`')[0].Split('.', ':').Last();

        [GeneratedRegex(@"\s+")]
        private static partial Regex Spaces();
    }
}
