using Microsoft.Extensions.Configuration;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// A configuration source a test changes while the app runs, as an operator changes a reloaded file: <see cref="Set"/>
/// and <see cref="RemoveSection"/>, then <see cref="Reload"/> tells <c>IOptionsMonitor</c> readers.
/// </summary>
public sealed class ReloadableSettings(IReadOnlyDictionary<string, string> initial) : ConfigurationProvider, IConfigurationSource
{
    private readonly Dictionary<string, string?> _initial = initial.ToDictionary(pair => pair.Key, pair => (string?)pair.Value, StringComparer.OrdinalIgnoreCase);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public override void Load() => Data = new Dictionary<string, string?>(_initial, StringComparer.OrdinalIgnoreCase);

    public new void Set(string key, string? value) => Data[key] = value;

    /// <summary>Removes <paramref name="section"/> and every key under it.</summary>
    public void RemoveSection(string section)
    {
        foreach (var key in Data.Keys.Where(key => key.Equals(section, StringComparison.OrdinalIgnoreCase)
                     || key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            Data.Remove(key);
        }
    }

    public void Reload() => OnReload();
}
