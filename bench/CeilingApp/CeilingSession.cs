using System.Collections.Frozen;

namespace Sessions.Bench.CeilingApp;

/// <summary>
/// An immutable snapshot of one session's items, as a read lease would hold it: a write makes a new snapshot.
/// </summary>
public sealed class CeilingSession(FrozenDictionary<string, byte[]> items)
{
    public static readonly CeilingSession Empty = new(FrozenDictionary<string, byte[]>.Empty);

    public FrozenDictionary<string, byte[]> Items { get; } = items;

    public CeilingSession With(string key, byte[] value)
    {
        var items = new Dictionary<string, byte[]>(Items, StringComparer.Ordinal) { [key] = value };
        return new CeilingSession(items.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
