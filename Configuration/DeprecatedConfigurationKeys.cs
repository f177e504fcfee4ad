using Microsoft.Extensions.Configuration;

namespace Sessions.Configuration;

/// <summary>Finds the deprecated keys in a configuration and carries their values over to the new keys.</summary>
public static class DeprecatedConfigurationKeys
{
    /// <summary>
    /// Each deprecated key that is set, in the order of <see cref="DeprecatedConfigurationKey.All"/>, and the values to
    /// add for the new keys. Precedence is the configuration chain's: a key set by a later source (environment
    /// variables over appsettings.json, the command line over both) wins, whether it is spelled the old or the new way;
    /// on a tie in one source the new key wins.
    /// </summary>
    public static (IReadOnlyList<DeprecatedConfigurationKeyUse> Uses, IReadOnlyDictionary<string, string?> Values) Resolve(
        IConfigurationRoot configuration)
    {
        var providers = configuration.Providers.ToList();
        var found = DeprecatedConfigurationKey.All
            .Select(key => (Key: key, Old: Find(providers, key.OldKey)))
            .Where(x => x.Old.Rank >= 0)
            .ToList();

        var winners = new Dictionary<string, (string Key, int Rank, string? Value)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, old) in found)
        {
            if (!winners.TryGetValue(key.NewKey, out var winner))
            {
                var current = Find(providers, key.NewKey);
                winner = (key.NewKey, current.Rank, current.Value);
            }

            if (old.Rank > winner.Rank)
            {
                winners[key.NewKey] = (key.OldKey, old.Rank, old.Value);
            }
            else
            {
                winners[key.NewKey] = winner;
            }
        }

        var uses = found
            .Select(x => new DeprecatedConfigurationKeyUse(x.Key,
                winners[x.Key.NewKey].Key.Equals(x.Key.OldKey, StringComparison.OrdinalIgnoreCase) ? null : winners[x.Key.NewKey].Key))
            .ToList();
        var values = winners
            .Where(w => !w.Value.Key.Equals(w.Key, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(w => w.Key, w => w.Value.Value, StringComparer.OrdinalIgnoreCase);
        return (uses, values);
    }

    /// <summary>The precedence (index of the last provider that sets <paramref name="key"/>) and value, or -1.</summary>
    private static (int Rank, string? Value) Find(List<IConfigurationProvider> providers, string key)
    {
        for (var i = providers.Count - 1; i >= 0; i--)
        {
            if (providers[i].TryGet(key, out var value))
            {
                return (i, value);
            }
        }

        return (-1, null);
    }
}
