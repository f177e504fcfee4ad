namespace Sessions.Tests.Fixtures;

/// <summary>
/// The keys the REST API tests write through the browser-facing <c>/api/session</c>, declared client-writable the way
/// an app declares its own (<c>SessionApi:ClientWritableKeys</c>, <c>SessionApi:ClientWritablePrefixes</c>). Without
/// them the demo refuses every key; tests of the trust boundary itself use a frontend without them.
/// </summary>
public static class ClientWritableTestKeys
{
    public static readonly string[] Keys =
    [
        "a", "b", "j", "n", "s", "t", "v", "absent", "bad", "big", "cart", "counter", "deep", "deeper", "greeting",
        "name", "none", "secret", "views", "visits",
    ];

    /// <summary>Generated keys: <c>k0</c>, <c>k1</c>, ... and <c>kkk...</c>.</summary>
    public const string Prefix = "k";

    /// <summary>The declaration as configuration pairs, e.g. for <see cref="TestUsers.Settings"/> or <see cref="AuthTestFrontend.Create"/>.</summary>
    public static (string Key, string Value)[] Pairs(string separator = ":") =>
    [
        .. Keys.Select((key, i) => ($"SessionApi{separator}ClientWritableKeys{separator}{i}", key)),
        ($"SessionApi{separator}ClientWritablePrefixes{separator}0", Prefix),
    ];

    /// <summary>Frontend settings with the declaration and anything in <paramref name="more"/>.</summary>
    public static Dictionary<string, string> Settings(IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = Pairs().ToDictionary(p => p.Key, p => p.Value);
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The declaration as command-line arguments of a frontend process (<c>--SessionApi:ClientWritableKeys:0 a</c>, ...).</summary>
    public static string[] Arguments() => [.. Pairs().SelectMany(p => new[] { "--" + p.Key, p.Value })];

    /// <summary>The declaration as environment variables of a frontend process (<c>SessionApi__ClientWritableKeys__0</c>, ...).</summary>
    public static Dictionary<string, string> Environment(IReadOnlyDictionary<string, string>? more = null)
    {
        var environment = Pairs("__").ToDictionary(p => p.Key, p => p.Value);
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return environment;
    }
}
