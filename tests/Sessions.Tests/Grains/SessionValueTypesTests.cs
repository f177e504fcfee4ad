using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;

namespace Sessions.Tests.Grains;

/// <summary>
/// The types the session grain hands out: immutable for Orleans (a co-hosted silo passes them without copying) and
/// wire-compatible with the previous release where one existed.
/// </summary>
public sealed class SessionValueTypesTests : IDisposable
{
    private static readonly SessionInfo Info = new(ClusterFixture.Epoch, ClusterFixture.Epoch, ClusterFixture.Epoch.AddMinutes(20), "ada", 1, 8, 3);

    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void SessionSnapshot_AndSessionValue_AreNotCopied()
    {
        var bytes = new byte[] { 1, 2, 3 };
        var snapshot = new SessionSnapshot(Info, ImmutableDictionary<string, byte[]>.Empty.Add("k", bytes));
        var value = new SessionValue(bytes);

        var snapshotCopy = _services.GetRequiredService<DeepCopier<SessionSnapshot>>().Copy(snapshot);
        var valueCopy = _services.GetRequiredService<DeepCopier<SessionValue?>>().Copy(value);

        Assert.Same(snapshot, snapshotCopy);
        Assert.True(valueCopy!.Value.Memory.Span == bytes.AsSpan()); // the same memory, not equal bytes elsewhere
    }

    [Fact]
    public void SessionSnapshot_ReadsAndWritesTheWireFormatOfThePreviousRelease()
    {
        var serializer = _services.GetRequiredService<Serializer>();
        var items = ImmutableDictionary<string, byte[]>.Empty.Add("cart", [1, 2, 3]).Add("name", "Ada"u8.ToArray());

        var fromPrevious = serializer.Deserialize<SessionSnapshot>(serializer.SerializeToArray(new PreviousSessionSnapshot(Info, items)));
        var toPrevious = serializer.Deserialize<PreviousSessionSnapshot>(serializer.SerializeToArray(new SessionSnapshot(Info, items)));

        Assert.NotNull(fromPrevious);
        Assert.NotNull(toPrevious);
        Assert.Equal(Info, fromPrevious.Info);
        Assert.Equal(["cart", "name"], fromPrevious.Items.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([1, 2, 3], fromPrevious.Items["cart"].ToArray());
        Assert.Equal(Info, toPrevious.Info);
        Assert.Equal("Ada"u8.ToArray(), toPrevious.Items["name"]);
    }

    [Fact]
    public void SessionChangeSet_WithItsIdleTimeout_AndThePreviousReleasesShape_ReadEachOther()
    {
        var serializer = _services.GetRequiredService<Serializer>();
        var set = ImmutableDictionary<string, byte[]>.Empty.Add("cart", [1, 2, 3]);
        var current = new SessionChangeSet(false, ["old"], set, CreateIfMissing: true) { IdleTimeout = TimeSpan.FromMinutes(5) };

        var roundTripped = serializer.Deserialize<SessionChangeSet>(serializer.SerializeToArray(current))!;
        var toPrevious = serializer.Deserialize<PreviousSessionChangeSet>(serializer.SerializeToArray(current))!;
        var fromPrevious = serializer.Deserialize<SessionChangeSet>(serializer.SerializeToArray(new PreviousSessionChangeSet(false, ["old"], set, true)))!;

        Assert.Equal(TimeSpan.FromMinutes(5), roundTripped.IdleTimeout);
        Assert.Equal((false, "old", true), (toPrevious.Clear, Assert.Single(toPrevious.Removed), toPrevious.CreateIfMissing));
        Assert.Equal([1, 2, 3], toPrevious.Set["cart"]);
        Assert.Equal((true, "old"), (fromPrevious.CreateIfMissing, Assert.Single(fromPrevious.Removed)));
        Assert.Null(fromPrevious.IdleTimeout); // a frontend of the previous release asks for nothing: the silo's default
    }

    [Fact]
    public void SessionValue_RoundTrips()
    {
        var serializer = _services.GetRequiredService<Serializer>();

        var value = serializer.Deserialize<SessionValue?>(serializer.SerializeToArray<SessionValue?>(new SessionValue("héllo"u8.ToArray())));
        var absent = serializer.Deserialize<SessionValue?>(serializer.SerializeToArray<SessionValue?>(null));

        Assert.Equal("héllo"u8.ToArray(), value!.Value.ToArray());
        Assert.Null(absent);
    }
}
