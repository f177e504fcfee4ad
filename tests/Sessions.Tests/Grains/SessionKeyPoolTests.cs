using System.Collections.Immutable;
using System.Text;

namespace Sessions.Tests.Grains;

/// <summary>Sessions of one silo hold one string per item key, and the pool stays bounded against client keys.</summary>
public sealed class SessionKeyPoolTests
{
    private static readonly SessionLimitsOptions Limits = new();

    // A key as a request brings it: a string of its own, equal to but not the same instance as any other.
    private static string Fresh(string key) => new(key.AsSpan());

    private static SessionState NewSession() => SessionState.Create(
        DateTimeOffset.UnixEpoch, new SessionExpiryOptions { IdleTimeout = TimeSpan.FromMinutes(20), AbsoluteLifetime = TimeSpan.FromHours(1) }, generation: 1);

    [Fact]
    public void TwoSessionsWritingTheSameKey_HoldOneString()
    {
        var keys = new SessionKeyPool();
        var first = NewSession();
        var second = NewSession();

        SessionMutations.Apply(first, SessionChangeSet.SetOne(Fresh("cart"), [1], createIfMissing: true), Limits, keys);
        SessionMutations.Apply(second, SessionChangeSet.SetOne(Fresh("cart"), [2], createIfMissing: true), Limits, keys);
        SessionMutations.Increment(first, Fresh("n"), 1, Limits, keys);
        SessionMutations.Increment(second, Fresh("n"), 1, Limits, keys);

        Assert.Same(first.Items.Keys.Single(k => k == "cart"), second.Items.Keys.Single(k => k == "cart"));
        Assert.Same(first.Items.Keys.Single(k => k == "n"), second.Items.Keys.Single(k => k == "n"));
    }

    [Fact]
    public void RewritingAKey_KeepsThePooledString()
    {
        var keys = new SessionKeyPool();
        var session = NewSession();
        SessionMutations.Apply(session, SessionChangeSet.SetOne(Fresh("cart"), [1], createIfMissing: true), Limits, keys);
        var pooled = session.Items.Keys.Single();

        SessionMutations.Apply(session, SessionChangeSet.SetOne(Fresh("cart"), [2], createIfMissing: false), Limits, keys);

        Assert.Same(pooled, session.Items.Keys.Single());
        Assert.Equal([2], session.Items["cart"]);
    }

    [Fact]
    public void ItemsReadFromStorage_AreRekeyedWithPooledStrings_ValuesUntouched()
    {
        var keys = new SessionKeyPool();
        var pooled = keys.Share(Fresh("cart"));
        var value = Encoding.UTF8.GetBytes("{}");
        var stored = ImmutableDictionary<string, byte[]>.Empty.Add(Fresh("cart"), value).Add(Fresh("step"), [3]);

        var shared = keys.Share(stored);

        Assert.Same(pooled, shared.Keys.Single(k => k == "cart"));
        Assert.Same(value, shared["cart"]);
        Assert.Equal(2, shared.Count);
        Assert.Same(shared, keys.Share(shared)); // already pooled: no new dictionary
    }

    [Fact]
    public void AFullPool_HandsNewKeysBackAsTheyCame_AndStillSharesThoseItHolds()
    {
        var keys = new SessionKeyPool();
        var first = keys.Share(Fresh("k0"));
        for (var i = 1; i < SessionKeyPool.Capacity; i++)
        {
            keys.Share(Fresh("k" + i));
        }

        var beyond = Fresh("one-too-many");

        Assert.Same(beyond, keys.Share(beyond));
        Assert.NotSame(keys.Share(Fresh("one-too-many")), keys.Share(Fresh("one-too-many")));
        Assert.Same(first, keys.Share(Fresh("k0")));
    }
}
