using System.Collections.Immutable;
using System.Text;

namespace Sessions.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class SessionGrainTests(ClusterFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static SessionChangeSet Set(string key, string value) => SessionChangeSet.SetOne(key, Utf8(value), createIfMissing: true);

    [Fact]
    public async Task Load_UnknownSession_ReturnsNull()
    {
        Assert.Null(await fixture.NewSession().LoadAsync(Token));
    }

    [Fact]
    public async Task Apply_ThenLoad_ReturnsItemsAndInfo()
    {
        var session = fixture.NewSession();

        var result = await session.ApplyAsync(Set("cart", "[1,2]"), Token);
        var snapshot = await session.LoadAsync(Token);

        Assert.True(result.Succeeded);
        Assert.NotNull(snapshot);
        Assert.Equal("[1,2]", Encoding.UTF8.GetString(snapshot.Items["cart"]));
        Assert.Equal(1, snapshot.Info.ItemCount);
        Assert.Equal("cart".Length + "[1,2]".Length, snapshot.Info.SizeBytes);
        Assert.Equal(result.Version, snapshot.Info.Version);
    }

    [Fact]
    public async Task Apply_WithoutCreateIfMissing_OnUnknownSession_ReturnsNotFoundAndCreatesNothing()
    {
        var session = fixture.NewSession();

        var result = await session.ApplyAsync(SessionChangeSet.SetOne("k", Utf8("v"), createIfMissing: false), Token);

        Assert.Equal(SessionWriteStatus.NotFound, result.Status);
        Assert.Null(await session.LoadAsync(Token));
    }

    [Fact]
    public async Task Apply_ClearRemoveAndSet_AppliesInThatOrder()
    {
        var session = fixture.NewSession();
        await session.ApplyAsync(new SessionChangeSet(false, [],
            ImmutableDictionary<string, byte[]>.Empty.Add("a", Utf8("1")).Add("b", Utf8("2")), true), Token);

        await session.ApplyAsync(new SessionChangeSet(true, ["c"], ImmutableDictionary<string, byte[]>.Empty.Add("c", Utf8("3")), false), Token);

        var snapshot = await session.LoadAsync(Token);
        Assert.Equal(["c"], snapshot!.Items.Keys);
    }

    [Fact]
    public async Task Increment_200Concurrent_CountsExactly200()
    {
        var session = fixture.NewSession();
        await session.ApplyAsync(Set("init", "x"), Token);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => session.IncrementAsync("n", 1, false, Token).AsTask()));

        var snapshot = await session.LoadAsync(Token);
        Assert.Equal("200", Encoding.ASCII.GetString(snapshot!.Items["n"]));
    }

    [Fact]
    public async Task Apply_50ConcurrentDifferentKeys_AllSurvive()
    {
        var session = fixture.NewSession();
        await session.ApplyAsync(Set("init", "x"), Token);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            session.ApplyAsync(SessionChangeSet.SetOne($"k{i}", Utf8($"{i}"), false), Token).AsTask()));

        var snapshot = await session.LoadAsync(Token);
        Assert.Equal(51, snapshot!.Items.Count);
    }

    [Fact]
    public async Task Increment_NonIntegerValue_ReturnsNotAnIntegerAndKeepsValue()
    {
        var session = fixture.NewSession();
        await session.ApplyAsync(Set("n", "abc"), Token);

        var result = await session.IncrementAsync("n", 1, false, Token);

        Assert.Equal(SessionWriteStatus.NotAnInteger, result.Status);
        Assert.Equal("abc", Encoding.UTF8.GetString((await session.LoadAsync(Token))!.Items["n"]));
    }

    [Fact]
    public async Task Increment_PastLongMaxValue_ReturnsOverflow()
    {
        var session = fixture.NewSession();
        await session.ApplyAsync(Set("n", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)), Token);

        var result = await session.IncrementAsync("n", 1, false, Token);

        Assert.Equal(SessionWriteStatus.Overflow, result.Status);
    }

    [Fact]
    public async Task Apply_BeyondKeyLimit_ReturnsTooManyKeysAndChangesNothing()
    {
        var session = fixture.NewSession();
        var full = Enumerable.Range(0, 1000).ToImmutableDictionary(i => $"k{i}", _ => Utf8("v"));
        Assert.True((await session.ApplyAsync(new SessionChangeSet(false, [], full, true), Token)).Succeeded);

        var result = await session.ApplyAsync(SessionChangeSet.SetOne("one-more", Utf8("v"), false), Token);

        Assert.Equal(SessionWriteStatus.TooManyKeys, result.Status);
        Assert.Equal(1000, (await session.GetInfoAsync(Token))!.ItemCount);
    }

    [Fact]
    public async Task Apply_BeyondSizeLimit_ReturnsSessionTooLarge()
    {
        var session = fixture.NewSession();
        var value = new byte[64 * 1024];
        for (var i = 0; i < 15; i++)
        {
            Assert.True((await session.ApplyAsync(SessionChangeSet.SetOne($"k{i}", value, true), Token)).Succeeded);
        }

        // 15 values of 64 KiB plus their keys fit in 1 MiB; a 16th does not.
        var result = await session.ApplyAsync(SessionChangeSet.SetOne("k15", value, false), Token);

        Assert.Equal(SessionWriteStatus.SessionTooLarge, result.Status);
        Assert.Equal(15, (await session.GetInfoAsync(Token))!.ItemCount);
    }

    [Fact]
    public async Task Apply_ValueOverLimit_ReturnsValueTooLarge()
    {
        var result = await fixture.NewSession().ApplyAsync(SessionChangeSet.SetOne("big", new byte[64 * 1024 + 1], true), Token);

        Assert.Equal(SessionWriteStatus.ValueTooLarge, result.Status);
    }

    [Fact]
    public async Task Destroy_ThenLoad_ReturnsNull()
    {
        var session = fixture.NewSession();
        await session.ApplyAsync(Set("k", "v"), Token);

        await session.DestroyAsync(Token);

        Assert.Null(await session.LoadAsync(Token));
    }
}
