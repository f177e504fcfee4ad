using System.Globalization;

namespace Sessions.Bench.Seeder;

/// <summary>Command-line options of the seeder.</summary>
public sealed record SeederOptions(
    Uri BaseUrl, int Sessions, int FirstIndex, string CookiesPath, bool Append, int Parallelism, int CartBytes,
    string Label, TimeSpan Deadline)
{
    public const string Usage = """
        usage: Sessions.Bench.Seeder --url http://127.0.0.1:PORT --sessions N --cookies FILE
                                     [--first-index I] [--append] [--parallel 32] [--cart-bytes 1024]
                                     [--label NAME] [--deadline-seconds 600]
        Creates N sessions: PUT /api/session/items/cart (a JSON cart of exactly --cart-bytes bytes), then
        PUT /api/session/items/n = 0 with the cookie the first PUT set. Writes one name=value cookie per line.
        """;

    /// <summary>Parses the arguments; null (after printing why) when they are not usable.</summary>
    public static SeederOptions? Parse(string[] args, TextWriter error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var append = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--append")
            {
                append = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[args[i][2..]] = args[++i];
            }
            else
            {
                error.WriteLine($"unexpected argument '{args[i]}'");
                return null;
            }
        }

        if (!values.TryGetValue("url", out var url) || !Uri.TryCreate(url, UriKind.Absolute, out var baseUrl)
            || !values.TryGetValue("cookies", out var cookies))
        {
            error.WriteLine("--url and --cookies are required");
            return null;
        }

        try
        {
            return new SeederOptions(
                baseUrl,
                Number(values, "sessions", null),
                Number(values, "first-index", 0, minimum: 0),
                cookies,
                append,
                Number(values, "parallel", 32),
                Number(values, "cart-bytes", 1024),
                values.GetValueOrDefault("label", baseUrl.Authority),
                TimeSpan.FromSeconds(Number(values, "deadline-seconds", 600)));
        }
        catch (FormatException exception)
        {
            error.WriteLine(exception.Message);
            return null;
        }
    }

    private static int Number(Dictionary<string, string> values, string name, int? fallback, int minimum = 1)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback ?? throw new FormatException($"--{name} is required");
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new FormatException($"--{name} must be a whole number of at least {minimum}, not '{text}'");
    }
}
