using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Sessions.Grains.Interfaces;

/// <summary>The items of a <see cref="SessionSnapshot"/>, read-only: values come out as <see cref="SessionValue"/>.</summary>
public readonly struct SessionItems
{
    private readonly ImmutableDictionary<string, byte[]> _items;

    internal SessionItems(ImmutableDictionary<string, byte[]> items) => _items = items;

    public int Count => _items.Count;

    public IEnumerable<string> Keys => _items.Keys;

    public SessionValue this[string key] => new(_items[key]);

    public bool ContainsKey(string key) => _items.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out SessionValue value)
    {
        if (_items.TryGetValue(key, out var bytes))
        {
            value = new SessionValue(bytes);
            return true;
        }

        value = default;
        return false;
    }
}
