using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Sessions.Tests.Leases;

/// <summary>
/// A frontend that holds a read lease never serves the old snapshot once a change of the session was acknowledged,
/// whatever the change (expiry included), also when that frontend is paused at the moment of the change (it answers no revocation: the
/// change waits out the lease), and when a revocation reaches it before the grant it revokes.
/// </summary>
[Collection(LeaseClusterCollection.Name)]
public sealed class ReadLeaseChangeTests(LeaseClusterFixture cluster)
{
    private const string CartPath = "/api/session/items/cart";

    private static readonly TimeSpan LeaseBound = SessionLease.GrantorBound(LeaseClusterFixture.Duration);

    /// <summary>The idle timeout of the sessions the change tests make (short, for the expiry case).</summary>
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The longest a test waits for a signal that should come at once (a bound against hangs, not a timing).</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, bool> Changes() => new()
    {
        { "write", false }, { "write", true },
        { "id-rotation", false }, { "id-rotation", true },
        { "sign-out", false }, { "sign-out", true },
        { "admin-end-user", false }, { "admin-end-user", true },
        { "end-all", false }, { "end-all", true },
        { "migration", false }, { "migration", true },
        { "expiry", false }, { "expiry", true },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task AFrontendHoldingALease_NeverServesTheOldSnapshot_AfterTheChangeWasAcknowledged(string change, bool paused)
    {
        await using var frontends = new LeaseFrontends(cluster, writerSettings: ("Session:IdleTimeout", IdleTimeout.ToString()));
        var (writer, reader, marker) = await ReaderHoldingALeaseAsync(frontends);
        using (writer)
        using (reader)
        {
            if (paused)
            {
                frontends.ReaderPause.Pause();
            }

            var acknowledged = ChangeAsync(change, frontends, writer, marker);
            if (paused && change is not ("end-all" or "expiry")) // those revoke nothing: the leases run out
            {
                await Task.WhenAny(frontends.ReaderPause.RevocationArrived, acknowledged).WaitAsync(Wait, Ct);
                Assert.False(acknowledged.IsCompleted, $"the change was acknowledged without revoking the paused frontend's lease: {(acknowledged.IsCompletedSuccessfully ? "ok" : acknowledged.Exception?.ToString())}");
                cluster.LeaseClock.AdvanceInSteps(LeaseBound); // the lease runs out: the change goes ahead without the answer
            }

            var expected = await acknowledged.WaitAsync(Wait, Ct);
            var after = await reader.GetAsync(CartPath);
            Assert.Equal(expected, await Body(after));
            frontends.ReaderPause.Resume(); // the revocation it never answered is handled late, and changes nothing
            Assert.Equal(expected, await Body(await reader.GetAsync(CartPath)));
        }
    }

    [Fact]
    public async Task ARevocationThatArrivesBeforeItsGrant_MakesTheFrontendRefuseTheGrant()
    {
        var held = new HeldLeasedLoad();
        await using var frontends = new LeaseFrontends(cluster, held);
        using var writer = await frontends.SignedInWriterAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await writer.PutTextAsync(CartPath, "old")).StatusCode);
        using var reader = frontends.Reader(writer.Cookie);

        var read = reader.GetAsync(CartPath); // granted by the grain, its answer held on the way back
        await held.Granted.WaitAsync(Wait, Ct);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.PutTextAsync(CartPath, "new")).StatusCode); // revoked before the grant arrived
        held.Release();

        Assert.Equal("old", await Body(await read)); // began before the write was acknowledged: either value is right
        var leasedLoads = cluster.Calls.CallsTo(nameof(ISessionGrain.LoadLeasedAsync));
        Assert.Equal("new", await Body(await reader.GetAsync(CartPath)));
        Assert.Equal(leasedLoads + 1, cluster.Calls.CallsTo(nameof(ISessionGrain.LoadLeasedAsync))); // the late grant was not taken
    }

    [Fact]
    public async Task APausedFrontend_DelaysAChangeOfTheSessionByTheLeaseAtMost()
    {
        await using var frontends = new LeaseFrontends(cluster);
        var (writer, reader, _) = await ReaderHoldingALeaseAsync(frontends);
        using (writer)
        using (reader)
        {
            frontends.ReaderPause.Pause();
            var write = writer.PutTextAsync(CartPath, "changed");
            await frontends.ReaderPause.RevocationArrived.WaitAsync(Wait, Ct);

            cluster.LeaseClock.AdvanceInSteps(LeaseBound - TimeSpan.FromMilliseconds(100));
            Assert.False(write.IsCompleted, "acknowledged before the lease ran out, without the frontend's answer");
            cluster.LeaseClock.AdvanceInSteps(TimeSpan.FromMilliseconds(100));
            Assert.Equal(HttpStatusCode.NoContent, (await write.WaitAsync(Wait, Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task ARevocationWhoseAnswerIsLost_IsConfirmedByACall_LongBeforeTheLeaseRunsOut()
    {
        await using var frontends = new LeaseFrontends(cluster);
        var (writer, reader, _) = await ReaderHoldingALeaseAsync(frontends);
        using (writer)
        using (reader)
        {
            cluster.LostAnswers.Lose();
            try
            {
                var write = writer.PutTextAsync(CartPath, "changed");
                await cluster.LostAnswers.AnswerLost.WaitAsync(Wait, Ct);

                // An eighth of the lease without an answer: the grain asks again and the reader confirms by a call. The
                // lease clock then stands still, so only that confirmation can let the change go ahead.
                cluster.LeaseClock.AdvanceInSteps(LeaseClusterFixture.Duration / 8 + TimeSpan.FromMilliseconds(50));
                Assert.Equal(HttpStatusCode.NoContent, (await write.WaitAsync(Wait, Ct)).StatusCode);
                Assert.Equal("changed", await Body(await reader.GetAsync(CartPath)));
            }
            finally
            {
                cluster.LostAnswers.Deliver();
            }
        }
    }

    [Fact]
    public async Task ReadsFromALease_CostAboutOneGrainCallPerLease_AndKeepTheSessionAlive()
    {
        await using var frontends = new LeaseFrontends(cluster, writerSettings: ("Session:IdleTimeout", "00:00:10"));
        var (writer, reader, marker) = await ReaderHoldingALeaseAsync(frontends);
        using (writer)
        using (reader)
        {
            // Read from memory every second for 30 s (three idle timeouts): only lease renewals reach the grain, about one
            // per lease, and they (with the access reports) keep the session alive.
            var renewals = cluster.Calls.CallsTo(nameof(ISessionGrain.LoadLeasedAsync));
            for (var second = 0; second < 30; second++)
            {
                for (var step = 0; step < 10; step++)
                {
                    cluster.Time.Advance(TimeSpan.FromMilliseconds(100)); // both clocks move together, as on a real machine
                    cluster.LeaseClock.Advance(TimeSpan.FromMilliseconds(100));
                }

                Assert.Equal(marker, await Body(await reader.GetAsync(CartPath)));
            }

            Assert.InRange(cluster.Calls.CallsTo(nameof(ISessionGrain.LoadLeasedAsync)) - renewals, 10, 16);
        }
    }

    /// <summary>A signed-in session with a marker in its cart, read once through the reader (which took a lease) and once more from its memory.</summary>
    private async Task<(SessionClient Writer, SessionClient Reader, string Marker)> ReaderHoldingALeaseAsync(LeaseFrontends frontends)
    {
        var marker = Guid.NewGuid().ToString("N");
        var writer = await frontends.SignedInWriterAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await writer.PutTextAsync(CartPath, marker)).StatusCode);
        var reader = frontends.Reader(writer.Cookie);
        Assert.Equal(marker, await Body(await reader.GetAsync(CartPath)));
        var leasedLoads = cluster.Calls.CallsTo(nameof(ISessionGrain.LoadLeasedAsync));
        Assert.Equal(marker, await Body(await reader.GetAsync(CartPath)));
        Assert.Equal(leasedLoads, cluster.Calls.CallsTo(nameof(ISessionGrain.LoadLeasedAsync))); // served from the reader's memory
        return (writer, reader, marker);
    }

    /// <summary>Makes the change and answers what a read of the cart must answer once it is acknowledged (null: no such item).</summary>
    private async Task<string?> ChangeAsync(string change, LeaseFrontends frontends, SessionClient writer, string marker)
    {
        switch (change)
        {
            case "write":
                Assert.Equal(HttpStatusCode.NoContent, (await writer.PutTextAsync(CartPath, "changed")).StatusCode);
                return "changed";
            case "id-rotation":
                var relogin = await writer.LoginAsync(frontends.User); // the session moves to a new ID
                Assert.True(relogin.StatusCode == HttpStatusCode.OK, $"{relogin.StatusCode}: {frontends.WriterWarnings()}\nsilos: {string.Join('\n', cluster.SiloLogs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning || e.EventId == 1530).TakeLast(20).Select(e => e.Message))}");
                return null;
            case "sign-out":
                Assert.Equal(HttpStatusCode.NoContent, (await writer.PostAsync("/api/auth/logout")).StatusCode);
                return null;
            case "admin-end-user":
                await cluster.Grains.GetGrain<IUserSessionsGrain>(frontends.User).EndAllAsync(null, SessionEndReason.Revoked, Ct);
                return null;
            case "end-all":
                var waits = cluster.LeaseClock.OneShotTimerMade(LeaseBound); // asked first: the wait may begin at once
                var endAll = cluster.Grains.GetGrain<IDeploymentEpochGrain>(0).EndAllSessionsAsync(Ct).AsTask();
                await waits.WaitAsync(Wait, Ct); // it waits for the leases granted before it
                Assert.False(endAll.IsCompleted);
                cluster.LeaseClock.AdvanceInSteps(LeaseBound);
                await endAll.WaitAsync(Wait, Ct);
                return null;
            case "migration":
                var (from, grain) = Locate(marker);
                grain.MigrateAway(cluster.Cluster.Silos.First(silo => silo.SiloAddress != from).SiloAddress);
                Assert.Equal(HttpStatusCode.NoContent, (await writer.PutTextAsync(CartPath, "moved")).StatusCode); // on the new activation
                return "moved";
            case "expiry":
                for (var step = TimeSpan.Zero; step <= IdleTimeout; step += TimeSpan.FromMilliseconds(100))
                {
                    cluster.Time.Advance(TimeSpan.FromMilliseconds(100)); // both clocks move together, as on a real machine
                    cluster.LeaseClock.Advance(TimeSpan.FromMilliseconds(100));
                }

                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }

    /// <summary>The activation holding the session with <paramref name="marker"/> in its cart, and its silo.</summary>
    private (Orleans.Runtime.SiloAddress Silo, Sessions.Grains.SessionGrain Grain) Locate(string marker)
    {
        foreach (var silo in cluster.Cluster.Silos)
        {
            var activations = silo.ServiceProvider.GetRequiredService<Sessions.Grains.SessionActivations>().Snapshot();
            if (activations.FirstOrDefault(g => g.Record.Exists && g.Record.State.Items.TryGetValue("cart", out var cart)
                && System.Text.Encoding.UTF8.GetString(cart) == marker) is { } grain)
            {
                return (silo.SiloAddress, grain);
            }
        }

        throw new InvalidOperationException("The session is active on no silo.");
    }

    private static async Task<string?> Body(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadAsStringAsync(Ct);

    /// <summary>Holds the answer of the next leased load on its way back to the frontend, after the grain granted it.</summary>
    private sealed class HeldLeasedLoad : ISessionGrainInterception
    {
        private readonly TaskCompletionSource _granted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _taken;

        public Task Granted => _granted.Task;

        public void Release() => _released.TrySetResult();

        public bool TryAnswer(ISessionGrain grain, System.Reflection.MethodInfo method, object?[] args, out object? answer)
        {
            answer = null;
            if (method.Name != nameof(ISessionGrain.LoadLeasedAsync) || Interlocked.Exchange(ref _taken, 1) == 1)
            {
                return false;
            }

            answer = new ValueTask<SessionLeasedRead>(HoldAsync(grain.LoadLeasedAsync((ISessionLeaseHolder)args[0]!, (long)args[1]!, (CancellationToken)args[2]!)));
            return true;
        }

        private async Task<SessionLeasedRead> HoldAsync(ValueTask<SessionLeasedRead> load)
        {
            var read = await load;
            _granted.TrySetResult();
            await _released.Task;
            return read;
        }
    }
}
