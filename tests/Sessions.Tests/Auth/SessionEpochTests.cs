using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Sessions.Tests.Auth;

/// <summary>The end-all rule of one silo (<see cref="SessionEpoch"/>), without a cluster.</summary>
public sealed class SessionEpochTests
{
    private static readonly AuthOptions Options = new();

    private readonly FakeTimeProvider _time = new(ClusterFixture.Epoch);

    [Fact]
    public void Ended_SessionBelowTheGeneration_IsOver_AtOrAboveIsNot()
    {
        var epoch = NewEpoch();

        epoch.Observe(2);

        Assert.True(epoch.Ended(Session(generation: 1, signedIn: true)));
        Assert.False(epoch.Ended(Session(generation: 2, signedIn: true)));
        Assert.False(epoch.Ended(Session(generation: 3, signedIn: true)));
    }

    [Fact]
    public void Ended_SessionStoredBeforeGenerations_IsEndedByTheFirstEndAll_AndOnlyThen()
    {
        var epoch = NewEpoch();
        var old = Session(generation: 0, signedIn: false); // what a state stored before the field deserializes to

        Assert.False(epoch.Ended(old));
        epoch.Observe(1);
        Assert.True(epoch.Ended(old));
    }

    [Fact]
    public void Observe_AnOlderGeneration_KeepsTheNewer()
    {
        var epoch = NewEpoch();

        epoch.Observe(3);
        epoch.Observe(2);

        Assert.Equal(3, epoch.Generation);
    }

    [Fact]
    public void Ended_PastTheStaleBound_RefusesSignedInSessionsAtOrBelowTheGeneration_ButNotAnonymousOrNewer()
    {
        var epoch = NewEpoch();
        epoch.Observe(1);

        _time.Advance(Options.EpochStaleAfter);
        Assert.False(epoch.Ended(Session(generation: 1, signedIn: true))); // at the bound, not past it
        _time.Advance(TimeSpan.FromTicks(1));

        Assert.True(epoch.IsStale);
        Assert.Throws<SessionEpochStaleException>(() => epoch.Ended(Session(generation: 1, signedIn: true)));
        Assert.False(epoch.Ended(Session(generation: 1, signedIn: false)));
        Assert.False(epoch.Ended(Session(generation: 2, signedIn: true)));
        Assert.True(epoch.Ended(Session(generation: 0, signedIn: true)));
    }

    [Fact]
    public void Observe_AfterStaleness_ServesAgain_EvenWithTheSameGeneration()
    {
        var epoch = NewEpoch();
        _time.Advance(Options.EpochStaleAfter + TimeSpan.FromTicks(1));

        epoch.Observe(0);

        Assert.False(epoch.IsStale);
        Assert.False(epoch.Ended(Session(generation: 0, signedIn: true)));
    }

    private SessionEpoch NewEpoch() => new(_time, Microsoft.Extensions.Options.Options.Create(Options));

    private static SessionState Session(long generation, bool signedIn) =>
        new() { Generation = generation, UserId = signedIn ? "ada" : null };
}
