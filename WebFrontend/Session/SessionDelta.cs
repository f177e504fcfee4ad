using System.Collections.Immutable;

namespace Sessions.WebFrontend.Session;

/// <summary>The changes one request has made to its session and not yet committed.</summary>
internal sealed class SessionDelta
{
    private readonly Dictionary<string, byte[]> _set = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    private bool _cleared;

    public bool IsEmpty => !_cleared && _set.Count == 0 && _removed.Count == 0;

    public bool HasSets => _set.Count > 0;

    public void Set(string key, byte[] value)
    {
        _removed.Remove(key);
        _set[key] = value;
    }

    public void Remove(string key)
    {
        _set.Remove(key);
        _removed.Add(key);
    }

    public void Clear()
    {
        _set.Clear();
        _removed.Clear();
        _cleared = true;
    }

    /// <summary>The stored items as this request sees them: the delta laid over what was loaded.</summary>
    public ImmutableDictionary<string, byte[]> ApplyTo(ImmutableDictionary<string, byte[]> items)
    {
        if (_cleared)
        {
            items = items.Clear();
        }

        return items.RemoveRange(_removed).SetItems(_set);
    }

    public SessionChangeSet ToChangeSet(bool createIfMissing) =>
        new(_cleared, [.. _removed], _set.ToImmutableDictionary(StringComparer.Ordinal), createIfMissing);

    public void Reset()
    {
        _set.Clear();
        _removed.Clear();
        _cleared = false;
    }
}
