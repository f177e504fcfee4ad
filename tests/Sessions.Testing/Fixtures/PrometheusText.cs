using System.Globalization;
using System.Text.RegularExpressions;

namespace Sessions.Tests.Fixtures;

/// <summary>Reads samples out of a Prometheus text scrape.</summary>
public static partial class PrometheusText
{
    /// <summary>The sum of the samples of <paramref name="name"/> (with <paramref name="label"/> among their labels, if given).</summary>
    public static double Sum(string metrics, string name, string? label = null) => metrics.Split('\n')
        .Where(l => (l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            && (label is null || l.Contains(label, StringComparison.Ordinal)))
        .Sum(l => double.Parse(Number().Match(l[(l.LastIndexOf(' ') + 1)..]).Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"-?[0-9.]+(e[+-]?[0-9]+)?")]
    private static partial Regex Number();
}
