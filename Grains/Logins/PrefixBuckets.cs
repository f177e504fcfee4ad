namespace Sessions.Grains;

/// <summary>
/// Token buckets by address prefix, at most <c>capacity</c> of them: adding one more forgets the prefix used longest
/// ago. Every operation is O(1) (a dictionary over a recency list), so an attacker with many prefixes costs no sweep.
/// </summary>
internal sealed class PrefixBuckets(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Prefix, TokenBucket Bucket)>> _byPrefix = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Prefix, TokenBucket Bucket)> _byRecency = new();

    public int Count => _byPrefix.Count;

    /// <summary>The bucket of <paramref name="prefix"/>, now the most recently used; null when it has none.</summary>
    public TokenBucket? Find(string prefix)
    {
        if (!_byPrefix.TryGetValue(prefix, out var node))
        {
            return null;
        }

        _byRecency.Remove(node);
        _byRecency.AddLast(node);
        return node.Value.Bucket;
    }

    /// <summary>The bucket of <paramref name="prefix"/>, made by <paramref name="create"/> when it has none.</summary>
    public TokenBucket GetOrAdd(string prefix, Func<TokenBucket> create) => Find(prefix) ?? Add(prefix, create());

    /// <summary>Keeps <paramref name="bucket"/> for <paramref name="prefix"/>, forgetting the least recent prefix when full (with a capacity of 0 it keeps nothing).</summary>
    public TokenBucket Add(string prefix, TokenBucket bucket)
    {
        Remove(prefix);
        if (capacity == 0)
        {
            return bucket;
        }

        if (_byPrefix.Count >= capacity)
        {
            var oldest = _byRecency.First!;
            _byRecency.RemoveFirst();
            _byPrefix.Remove(oldest.Value.Prefix);
        }

        _byPrefix[prefix] = _byRecency.AddLast((prefix, bucket));
        return bucket;
    }

    /// <summary>Forgets <paramref name="prefix"/>; its bucket, or null when it had none.</summary>
    public TokenBucket? Remove(string prefix)
    {
        if (!_byPrefix.Remove(prefix, out var node))
        {
            return null;
        }

        _byRecency.Remove(node);
        return node.Value.Bucket;
    }
}
