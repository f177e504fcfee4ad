using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Sessions.Grains;

namespace Sessions.Tests.Silo;

/// <summary>
/// A silo serves its sessions only for <c>Silo:MembershipConfirmation</c> after the start of its last read of the
/// membership table that found it a member, and never again once a read found it declared dead: a silo cut off by a
/// partition stops answering before a session it held can acknowledge a change elsewhere.
/// </summary>
public sealed class SiloMembershipTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ReadTakes = TimeSpan.FromMilliseconds(300);

    private readonly FakeTimeProvider _clock = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MembershipRows _table;
    private readonly SiloMembership _membership;
    private readonly SiloMembershipConfirmer _confirmer;

    public SiloMembershipTests()
    {
        _table = new MembershipRows(_clock);
        _membership = new SiloMembership(Window, _clock, _services.GetRequiredService<IMeterFactory>());
        _confirmer = new SiloMembershipConfirmer(_membership, _table, _table, _clock, NullLogger<SiloMembershipConfirmer>.Instance);
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public void BeforeItsFirstConfirmation_ASiloServesNothing() =>
        Assert.Throws<SiloMembershipUnconfirmedException>(_membership.ThrowIfUnconfirmed);

    [Fact]
    public async Task ASiloServes_ForOneWindowFromTheStartOfTheReadThatFoundItAMember()
    {
        _table.Status = SiloStatus.Active;
        await _confirmer.ConfirmAsync(); // the read itself takes ReadTakes of the window

        Assert.Equal(Window - ReadTakes, _membership.Remaining);
        _clock.Advance(Window - ReadTakes - TimeSpan.FromMilliseconds(1));
        _membership.ThrowIfUnconfirmed();
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var refused = Assert.Throws<SiloMembershipUnconfirmedException>(_membership.ThrowIfUnconfirmed);
        Assert.Contains("Silo:MembershipConfirmation", refused.Message);
        Assert.Equal(TimeSpan.Zero, _membership.Remaining);
    }

    [Fact]
    public async Task AShuttingDownSilo_IsStillAMember_ItsSessionsAreServedWhileTheyMove()
    {
        _table.Status = SiloStatus.ShuttingDown;
        await _confirmer.ConfirmAsync();

        _membership.ThrowIfUnconfirmed();
    }

    [Fact]
    public async Task ASiloFoundDeclaredDead_RefusesEveryCall_EvenIfALaterReadSaidOtherwise()
    {
        _table.Status = SiloStatus.Active;
        await _confirmer.ConfirmAsync();
        _table.Status = SiloStatus.Dead;
        await _confirmer.ConfirmAsync();

        var refused = Assert.Throws<SiloMembershipUnconfirmedException>(_membership.ThrowIfUnconfirmed);
        Assert.Contains("declared dead", refused.Message);
        Assert.Equal(TimeSpan.Zero, _membership.Remaining);
        _table.Status = SiloStatus.Active;
        await _confirmer.ConfirmAsync();
        Assert.Throws<SiloMembershipUnconfirmedException>(_membership.ThrowIfUnconfirmed);
    }

    [Fact]
    public async Task AFailedRead_ConfirmsNothing_TheWindowRunsOut()
    {
        _table.Status = SiloStatus.Active;
        await _confirmer.ConfirmAsync();
        _table.Fails = true;
        _clock.Advance(Window / 2);
        await _confirmer.ConfirmAsync();

        Assert.Equal(Window / 2 - 2 * ReadTakes, _membership.Remaining); // from the start of the read that succeeded
        _clock.Advance(Window / 2);
        Assert.Throws<SiloMembershipUnconfirmedException>(_membership.ThrowIfUnconfirmed);
    }

    [Fact]
    public async Task AReadThatHangs_IsAbandonedAfterAWindow_WhichHasRunOutByThen()
    {
        _table.Status = SiloStatus.Active;
        await _confirmer.ConfirmAsync();
        _table.Hangs = true;
        var confirming = _confirmer.ConfirmAsync();
        await _table.HungReadStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        _clock.Advance(Window);

        await confirming.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken); // real-time guard: not abandoned would hang
        Assert.Throws<SiloMembershipUnconfirmedException>(_membership.ThrowIfUnconfirmed);
    }

    [Fact]
    public void Off_EverythingIsServed_AndNoActivationWaits()
    {
        var off = new SiloMembership();

        off.ThrowIfUnconfirmed();
        Assert.Equal(TimeSpan.MaxValue, off.Remaining);
        Assert.Equal(TimeSpan.Zero, off.Fence);
        Assert.Equal(SessionLease.GrantorBound(Window), _membership.Fence);
    }

    /// <summary>This silo's row of the membership table, as the test sets it; each read takes <see cref="ReadTakes"/> on the clock.</summary>
    private sealed class MembershipRows(FakeTimeProvider clock) : IMembershipTable, ILocalSiloDetails
    {
        public SiloStatus Status { get; set; } = SiloStatus.Active;

        public bool Fails { get; set; }

        public bool Hangs { get; set; }

        public TaskCompletionSource HungReadStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "silo";

        public string ClusterId => "test";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress { get; } = SiloAddress.New(IPAddress.Loopback, 11111, 1);

        public SiloAddress GatewayAddress { get; } = SiloAddress.New(IPAddress.Loopback, 30000, 1);

        public async Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken)
        {
            if (Hangs)
            {
                HungReadStarted.TrySetResult();
                await new TaskCompletionSource().Task.WaitAsync(cancellationToken); // no answer: only the confirmer's limit, on the fake clock, ends it
            }

            clock.Advance(ReadTakes);
            if (Fails)
            {
                throw new TimeoutException("The membership table did not answer.");
            }

            var entry = new MembershipEntry { SiloAddress = key, Status = Status, HostName = "localhost", SiloName = "silo" };
            return new MembershipTableData(Tuple.Create(entry, "1"), new TableVersion(1, "1"));
        }

        public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

        public Task InitializeMembershipTable(bool tryInitTableVersion) => throw new NotSupportedException();

        public Task DeleteMembershipTableEntries(string clusterId) => throw new NotSupportedException();

        public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => throw new NotSupportedException();

        public Task<MembershipTableData> ReadAll() => throw new NotSupportedException();

        public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => throw new NotSupportedException();

        public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => throw new NotSupportedException();

        public Task UpdateIAmAlive(MembershipEntry entry) => throw new NotSupportedException();
    }
}
