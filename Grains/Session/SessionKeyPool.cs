using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Sessions.Grains;

/// <summary>
/// One string per distinct item key for all the sessions of a silo. Every write brings its keys as new strings (the
/// request's route value, or a deserialized message), and a dictionary that sets an existing key keeps the new string:
/// without the pool, 100,000 sessions holding "cart" hold 100,000 copies of it (about 30 bytes each).
/// </summary>
/// <remarks>
/// Keys come from clients, so the pool is bounded: once it holds <see cref="Capacity"/> keys it shares only those and
/// hands any other key back as it came. It never shrinks; an app's key names are few and fixed.
/// </remarks>
internal sealed class SessionKeyPool
{
    /// <summary>The most distinct keys the pool keeps (at the longest key allowed, 256 characters, about 5 MiB).</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, string> _keys = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>The pooled string equal to <paramref name="key"/>, or <paramref name="key"/> itself.</summary>
    public string Share(string key)
    {
        if (_keys.TryGetValue(key, out var shared))
        {
            return shared;
        }

        if (Volatile.Read(ref _count) >= Capacity)
        {
            return key;
        }

        shared = _keys.GetOrAdd(key, key);
        if (ReferenceEquals(shared, key))
        {
            Interlocked.Increment(ref _count);
        }

        return shared;
    }

    /// <summary><paramref name="items"/> with pooled keys (the same instance when every key already is).</summary>
    public ImmutableDictionary<string, byte[]> Share(ImmutableDictionary<string, byte[]> items)
    {
        var builder = default(ImmutableDictionary<string, byte[]>.Builder);
        foreach (var (key, value) in items)
        {
            var shared = Share(key);
            if (!ReferenceEquals(shared, key))
            {
                builder ??= items.ToBuilder();
                builder.Remove(key);
                builder[shared] = value;
            }
        }

        return builder?.ToImmutable() ?? items;
    }
}
