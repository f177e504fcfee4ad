using System.Collections.Immutable;

namespace Sessions.AspNetCore;

/// <summary>
/// What one request sees of its session: what it loaded, with every change it made laid over, and which of those
/// changes are not committed yet (a commit carries only them). Nothing is allocated until the first change.
/// </summary>
internal sealed class SessionView
{
    private Dictionary<string, byte[]?>? _changes; // a null value: removed
    private HashSet<string>? _pending;
    private bool _cleared;
    private bool _clearPending;

    /// <summary>What was loaded; null before loading and when there is no live session.</summary>
    public SessionSnapshot? Loaded { get; set; }

    public bool HasPending => _clearPending || _pending is { Count: > 0 };

    public bool HasPendingSets => _pending?.Any(key => _changes![key] is not null) == true;

    public IEnumerable<string> Keys
    {
        get
        {
            var loaded = _cleared || Loaded is null ? [] : Loaded.Items.Keys;
            if (_changes is null or { Count: 0 })
            {
                return loaded;
            }

            var keys = loaded.Where(key => !_changes.ContainsKey(key)).ToList();
            keys.AddRange(_changes.Where(change => change.Value is not null).Select(change => change.Key));
            return keys;
        }
    }

    public bool TryGetValue(string key, out ReadOnlyMemory<byte> value)
    {
        value = default;
        if (_changes is not null && _changes.TryGetValue(key, out var changed))
        {
            value = changed;
            return changed is not null;
        }

        if (_cleared || Loaded is null || !Loaded.Items.TryGetValue(key, out var loaded))
        {
            return false;
        }

        value = loaded.Memory;
        return true;
    }

    /// <summary>Whether this request changed <paramref name="key"/> (set or removed it).</summary>
    public bool HasChanged(string key) => _changes?.ContainsKey(key) == true;

    public void Set(string key, byte[] value) => Change(key, value);

    public void Remove(string key) => Change(key, null);

    public void Clear()
    {
        _changes?.Clear();
        _pending?.Clear();
        _cleared = true;
        _clearPending = true;
    }

    public SessionChangeSet ToChangeSet(bool createIfMissing)
    {
        var removed = ImmutableArray.CreateBuilder<string>();
        var set = ImmutableDictionary.CreateBuilder<string, byte[]>(StringComparer.Ordinal);
        foreach (var key in _pending ?? [])
        {
            if (_changes![key] is { } value)
            {
                set[key] = value;
            }
            else
            {
                removed.Add(key);
            }
        }

        return new SessionChangeSet(_clearPending, removed.ToImmutable(), set.ToImmutable(), createIfMissing);
    }

    /// <summary>The pending changes reached the store; reads keep seeing them.</summary>
    public void MarkCommitted()
    {
        _pending?.Clear();
        _clearPending = false;
    }

    /// <summary>The changes go to a fresh, empty session instead: nothing loaded applies, every change is pending again.</summary>
    public void MoveToFreshSession()
    {
        Loaded = null;
        foreach (var key in _changes?.Keys ?? Enumerable.Empty<string>())
        {
            (_pending ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);
        }

        _clearPending = false;
    }

    /// <summary>Forgets every change (the store refused them); what was loaded stays.</summary>
    public void DiscardChanges()
    {
        _changes?.Clear();
        _pending?.Clear();
        _cleared = false;
        _clearPending = false;
    }

    /// <summary>Forgets what was loaded and every change: the session is gone, or unavailable for this request.</summary>
    public void Reset()
    {
        Loaded = null;
        DiscardChanges();
    }

    private void Change(string key, byte[]? value)
    {
        (_changes ??= new Dictionary<string, byte[]?>(StringComparer.Ordinal))[key] = value;
        (_pending ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);
    }
}
