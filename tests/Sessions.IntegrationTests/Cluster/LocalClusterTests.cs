using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sessions.Tests.Cluster;

/// <summary>
/// Acceptance of the cluster topology on real processes (3 silos, 2 frontends, PostgreSQL, all on 127.0.0.1): sessions
/// written through one frontend read back through the other, survive a silo killed with SIGKILL, and their cookies
/// survive frontend restarts. The tests run in declaration order, one step of the story after the other.
/// </summary>
[Collection(LocalClusterCollection.Name)]
[TestCaseOrderer(typeof(DeclarationOrderer))]
public sealed class LocalClusterTests(LocalClusterFixture fixture)
{
    private const int SessionCount = 1_000;
    private const int Parallelism = 32;
    private const int VictimSilo = 2;
    private static readonly TimeSpan FailoverBudget = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RejoinBudget = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);
    private const int LoadSessions = 200;
    private const int LoadWorkers = 16;
    private static readonly TimeSpan LoadWarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RebalanceBudget = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Uri FrontendA => fixture.Frontend(1).Url;

    private Uri FrontendB => fixture.Frontend(2).Url;

    [Fact]
    public async Task Sessions_WrittenThroughFrontendA_ReadBackThroughFrontendB()
    {
        using var http = SessionRequests.CreateClient();
        var sessions = await WrittenSessionsAsync(http);

        var clock = Stopwatch.StartNew();
        var failures = await CheckAsync(http, sessions, Enumerable.Range(0, sessions.Count), _ => FrontendB, Cancel);
        Output($"{sessions.Count} sessions read back through frontend B in {clock.Elapsed.TotalSeconds:F1} s");

        Assert.True(failures.Count == 0, Describe(failures, sessions.Count, "did not read back through frontend B"));
    }

    [Fact]
    public async Task Sessions_SiloKilled_AllReadBackWithin30SecondsAndSiloRejoins()
    {
        using var http = SessionRequests.CreateClient();
        var sessions = await WrittenSessionsAsync(http);
        var killed = fixture.Silo(VictimSilo);

        fixture.KillSilo(VictimSilo);
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(FailoverBudget);
        IEnumerable<int> pending = Enumerable.Range(0, sessions.Count);
        Dictionary<int, string> failures;
        var passes = 0;
        while (true)
        {
            passes++;
            // Half through each frontend; only the sessions that failed are asked again.
            failures = await CheckAsync(http, sessions, pending, i => fixture.Frontend(i % 2 + 1).Url, deadline.Token);
            if (failures.Count == 0 || deadline.IsCancellationRequested)
            {
                break;
            }

            pending = [.. failures.Keys.Order()];
            await Task.Delay(RetryPause, Cancel);
        }

        var recovered = clock.Elapsed;
        Output($"silo {VictimSilo} (pid {killed.Pid}) killed with SIGKILL: " +
            (failures.Count == 0
                ? $"all {sessions.Count} sessions read back with their values after {recovered.TotalSeconds:F1} s ({passes} passes)"
                : $"{failures.Count} sessions still failing after {recovered.TotalSeconds:F1} s"));
        Assert.True(failures.Count == 0, Describe(failures, sessions.Count, $"did not read back within {FailoverBudget.TotalSeconds} s"));

        var restarted = await fixture.StartSiloAsync(VictimSilo);
        Assert.NotEqual(killed.Pid, restarted.Pid);
        Assert.Equal(killed.SiloPort, restarted.SiloPort);

        int[] everySilo = [.. fixture.Silos.Select(s => s.SiloPort).Order()];
        var rejoin = Stopwatch.StartNew();
        var active = await fixture.ActiveSiloPortsAsync(Cancel);
        while (!active.SequenceEqual(everySilo) && rejoin.Elapsed < RejoinBudget)
        {
            await Task.Delay(RetryPause, Cancel);
            active = await fixture.ActiveSiloPortsAsync(Cancel);
        }

        Output($"restarted silo {VictimSilo} (pid {restarted.Pid}); Active in the membership table: {string.Join(", ", active)}");
        Assert.Equal(everySilo, active); // three Active incarnations, one per silo: the killed one is no longer Active
        Assert.Equal(HttpStatusCode.OK, await SessionRequests.ReadyAsync(http, FrontendA, Cancel));
        Assert.Equal(HttpStatusCode.OK, await SessionRequests.ReadyAsync(http, FrontendB, Cancel));
    }

    [Fact]
    public async Task Cookie_IssuedByFrontendA_WorksOnFrontendBAfterBothRestart()
    {
        var value = $"cart-{Guid.NewGuid():N}";
        WrittenSession session;
        using (var http = SessionRequests.CreateClient())
        {
            session = await SessionRequests.CreateAsync(http, FrontendA, value, Cancel);
            Assert.Equal((HttpStatusCode.OK, value), await SessionRequests.ReadAsync(http, FrontendB, session, Cancel));
        }

        int[] before = [fixture.Frontend(1).Pid, fixture.Frontend(2).Pid];
        await fixture.RestartFrontendsAsync();
        Assert.DoesNotContain(fixture.Frontend(1).Pid, before);
        Assert.DoesNotContain(fixture.Frontend(2).Pid, before);

        using var fresh = SessionRequests.CreateClient(); // no pooled connection to the stopped processes
        Assert.Equal((HttpStatusCode.OK, value), await SessionRequests.ReadAsync(fresh, FrontendB, session, Cancel));
        Assert.Equal((HttpStatusCode.OK, value), await SessionRequests.ReadAsync(fresh, FrontendA, session, Cancel));
    }

    /// <summary>The 1,000 sessions written through frontend A, each with its own value; written by the first test that needs them.</summary>
    [Fact]
    public async Task UnderIncrementLoad_AnAddedSilo_TakesItsShareOfTheSessions_WithoutErrors()
    {
        using var http = SessionRequests.CreateClient();
        using var admin = await AdminAsync();
        await using var load = await StartWarmLoadAsync(http);

        var faultAt = load.Elapsed;
        var added = await fixture.AddSiloAsync();
        var clock = Stopwatch.StartNew();
        double share;
        do
        {
            await load.RunForAsync(TimeSpan.FromSeconds(2), Cancel);
            share = await ShareOfAsync(admin, added.SiloPort);
        }
        while (share < 0.2 && clock.Elapsed < RebalanceBudget);

        await StopAfterExtraLoadAsync(load);
        var check = await load.FindLostOrDoubledAsync(Cancel);
        var note = $"silo {added.Number} holds {share:P0} of the session activations after {clock.Elapsed.TotalSeconds:F0} s";
        var asserts = await ReportAsync("add-silo", load, check, faultAt, note);
        Assert.True(share >= 0.2, $"the added silo holds {share:P0} of the session activations after {RebalanceBudget.TotalSeconds} s");
        if (!asserts)
        {
            return;
        }

        Assert.Equal(0, load.Errors);
        Assert.Empty(check.Wrong);
        AssertHistoryHolds(check);
    }

    [Fact]
    public async Task UnderIncrementLoad_AGracefulStopOfASilo_LosesNothing_WithoutErrors()
    {
        using var http = SessionRequests.CreateClient();
        await using var load = await StartWarmLoadAsync(http);

        var stopped = fixture.Silos.Max(s => s.Number);
        var faultAt = load.Elapsed;
        var clock = Stopwatch.StartNew();
        await fixture.StopSiloAsync(stopped);
        var stopTime = clock.Elapsed;
        await load.RunForAsync(LoadWarmUp, Cancel);

        await StopAfterExtraLoadAsync(load);
        var check = await load.FindLostOrDoubledAsync(Cancel);
        var note = $"silo {stopped} exited after {stopTime.TotalSeconds:F1} s";
        if (!await ReportAsync("stop-silo", load, check, faultAt, note))
        {
            return;
        }

        Assert.Equal(0, load.Errors);
        Assert.Empty(check.Wrong);
        AssertHistoryHolds(check);
    }

    [Fact]
    public async Task UnderIncrementLoad_ASiloKilled_LosesNoAcknowledgedIncrement_AndFewRequestsFail()
    {
        using var http = SessionRequests.CreateClient();
        await using var load = await StartWarmLoadAsync(http);

        var faultAt = load.Elapsed;
        fixture.KillSilo(VictimSilo);
        await load.RunForAsync(FailoverBudget, Cancel);
        await StopAfterExtraLoadAsync(load);

        var check = await load.FindLostOrDoubledAsync(Cancel);
        var errorRate = (double)load.Errors / load.Requests;
        var asserts = await ReportAsync("kill-silo", load, check, faultAt, $"SIGKILL of silo {VictimSilo} of {LocalClusterFixture.SiloCount}");
        await fixture.StartSiloAsync(VictimSilo);
        if (!asserts)
        {
            return;
        }

        Assert.Empty(check.Wrong);
        AssertHistoryHolds(check);
        Assert.True(errorRate <= 0.001, $"{errorRate:P2} of the requests failed: {load.DescribeErrors()}");
    }

    [Fact]
    public async Task UnderIncrementLoad_ARollingRestartOfEverySilo_LosesNothing()
    {
        using var http = SessionRequests.CreateClient();
        await using var load = await StartWarmLoadAsync(http);

        var faultAt = load.Elapsed;
        var clock = Stopwatch.StartNew();
        foreach (var silo in fixture.Silos.Select(s => s.Number).Order().ToList())
        {
            await fixture.StopSiloAsync(silo);
            await fixture.StartSiloAsync(silo);
        }

        var restartTime = clock.Elapsed;
        await load.RunForAsync(LoadWarmUp, Cancel);
        await StopAfterExtraLoadAsync(load);
        var check = await load.FindLostOrDoubledAsync(Cancel);
        var note = $"{fixture.Silos.Count} silos restarted one by one in {restartTime.TotalSeconds:F0} s";
        if (!await ReportAsync("rolling-restart", load, check, faultAt, note))
        {
            return;
        }

        Assert.Empty(check.Wrong);
        AssertHistoryHolds(check);
        Assert.True(load.Errors <= load.Requests / 1000, $"{load.Errors} of {load.Requests} requests ({load.Acknowledged} acknowledged increments) failed: {load.DescribeErrors()}");
    }

    [Fact]
    public async Task UnderIncrementLoad_APostgresOutageOf10Seconds_Answers503Only_AndRecoversWithin5Seconds()
    {
        using var http = SessionRequests.CreateClient();
        await using var load = await StartWarmLoadAsync(http);

        var faultAt = load.Elapsed;
        await fixture.StopDatabaseAsync();
        await load.RunForAsync(TimeSpan.FromSeconds(10), Cancel);
        await fixture.StartDatabaseAsync();
        var back = load.Elapsed;
        var backAt = DateTimeOffset.UtcNow; // to line up with the processes' logs
        await load.RunForAsync(TimeSpan.FromSeconds(10), Cancel);
        await StopAfterExtraLoadAsync(load);

        var check = await load.FindLostOrDoubledAsync(Cancel);
        var lateErrors = load.ErrorsSince(back + TimeSpan.FromSeconds(5));
        var note = $"back at {backAt:HH:mm:ss.fff} UTC; {lateErrors} errors later than 5 s after its return (from 3 s after it: {load.DescribeErrorsSince(back + TimeSpan.FromSeconds(3), back)}); slowest request {load.Slowest.TotalSeconds:F1} s";
        if (!await ReportAsync("postgres-outage-10s", load, check, faultAt, note))
        {
            return;
        }

        Assert.All(load.ErrorsByKind.Keys, kind => Assert.Equal("503 application/problem+json with Retry-After", kind));
        Assert.True(lateErrors == 0, $"{lateErrors} errors later than 5 s after PostgreSQL returned (times from its return): {load.DescribeErrorsSince(back + TimeSpan.FromSeconds(5), back)}");
        Assert.Empty(check.Wrong);
        AssertHistoryHolds(check);
        Assert.True(load.Slowest < TimeSpan.FromSeconds(8), $"a request took {load.Slowest.TotalSeconds:F1} s (Session:IOTimeout is 5 s)");
    }

    /// <summary>The increment-and-read load through both frontends, after <see cref="LoadWarmUp"/> of it.</summary>
    private async Task<IncrementLoad> StartWarmLoadAsync(HttpClient http)
    {
        var load = await IncrementLoad.StartAsync(http, [FrontendA, FrontendB], LoadSessions, LoadWorkers, Cancel);
        try
        {
            await load.RunForAsync(LoadWarmUp, Cancel);
            return load;
        }
        catch
        {
            await load.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops the load, after <see cref="FaultReport.ExtraLoad"/> more of it in the long form of the fault suite (none in CI).
    /// </summary>
    private static async Task StopAfterExtraLoadAsync(IncrementLoad load)
    {
        if (FaultReport.ExtraLoad > TimeSpan.Zero)
        {
            await load.RunForAsync(FaultReport.ExtraLoad, Cancel);
        }

        await load.StopAsync();
    }

    /// <summary>The load's recorded history broke no rule of <see cref="Consistency.HistoryChecker"/> (write-through only).</summary>
    private static void AssertHistoryHolds(LoadCheck check) => Assert.True(check.History.Violations.Count == 0, check.History.Describe());

    /// <summary>
    /// Reports a scenario (test output and <see cref="FaultReport"/>); true when its assertions apply, false when it only
    /// measures write-behind, which may lose what a silo had not stored yet.
    /// </summary>
    private async Task<bool> ReportAsync(string scenario, IncrementLoad load, LoadCheck check, TimeSpan faultAt, string note)
    {
        note = $"{note}; {await LeaseReadsAsync()}";
        Output($"{scenario}: {note}; {load.Requests} requests ({load.Acknowledged} acknowledged increments), errors: {load.DescribeErrors()}");
        Output($"{scenario} history: {check.History.Describe()}");
        if (load.Errors > 0)
        {
            foreach (var number in new[] { 1, 2 })
            {
                var causes = fixture.FrontendLogLines(number, "Session cluster unavailable");
                Output($"{scenario}: frontend {number} logged {causes.Count} unavailable answers: first {string.Join(" | ", causes.Take(3).Select(line => line.Trim()))}; last {string.Join(" | ", causes.TakeLast(3).Select(line => line.Trim()))}");
            }
        }
        FaultReport.Record(scenario, load, check, faultAt, note);
        return !FaultReport.MeasuresWriteBehind;
    }

    /// <summary>
    /// How many session loads the two frontends served from read leases since they started (so the history check is known
    /// to have judged reads from the frontends' memory), from their /metrics.
    /// </summary>
    private async Task<string> LeaseReadsAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var (hits, misses) = (0.0, 0.0);
        foreach (var frontend in new[] { FrontendA, FrontendB })
        {
            var metrics = await http.GetStringAsync(new Uri(frontend, "/metrics"), Cancel);
            hits += PrometheusText.Sum(metrics, "sessions_frontend_lease_reads_total", "result=\"hit\"");
            misses += PrometheusText.Sum(metrics, "sessions_frontend_lease_reads_total", "result=\"miss\"");
        }

        return $"lease reads since the frontends started: {hits:0} hits of {hits + misses:0} loads";
    }

    private async Task<SessionClient> AdminAsync()
    {
        var admin = new SessionClient(new HttpClient { BaseAddress = FrontendA });
        Assert.Equal(HttpStatusCode.OK, (await admin.LoginAsync("admin")).StatusCode);
        return admin;
    }

    /// <summary>The share of the cluster's session activations on the silo of <paramref name="siloPort"/>, from /api/admin/cluster.</summary>
    private static async Task<double> ShareOfAsync(SessionClient admin, int siloPort)
    {
        var view = await (await admin.GetAsync("/api/admin/cluster")).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var silos = view.GetProperty("silos").EnumerateArray().ToList();
        var total = silos.Sum(s => s.GetProperty("sessions").GetInt64());
        var on = silos.Where(s => s.GetProperty("address").GetString()!.EndsWith($":{siloPort}", StringComparison.Ordinal))
            .Sum(s => s.GetProperty("sessions").GetInt64());
        return total == 0 ? 0 : (double)on / total;
    }

    private async Task<IReadOnlyList<WrittenSession>> WrittenSessionsAsync(HttpClient http)
    {
        if (fixture.WrittenSessions is { } written)
        {
            return written;
        }

        var run = Guid.NewGuid().ToString("N")[..8];
        var sessions = new WrittenSession[SessionCount];
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, SessionCount), Options(), async (i, token) =>
            sessions[i] = await SessionRequests.CreateAsync(http, FrontendA, $"value-{i}-{run}", token));
        Output($"{SessionCount} sessions written through frontend A in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(SessionCount, sessions.Select(s => s.Cookie).Distinct().Count());
        fixture.WrittenSessions = sessions;
        return sessions;
    }

    /// <summary>Reads the given sessions, <see cref="Parallelism"/> at a time; returns what failed, by index.</summary>
    private static async Task<Dictionary<int, string>> CheckAsync(
        HttpClient http, IReadOnlyList<WrittenSession> sessions, IEnumerable<int> indexes, Func<int, Uri> frontendOf,
        CancellationToken requestToken)
    {
        var failures = new ConcurrentDictionary<int, string>();
        await Parallel.ForEachAsync(indexes, Options(), async (i, _) =>
        {
            if (await SessionRequests.CheckAsync(http, frontendOf(i), sessions[i], requestToken) is { } failure)
            {
                failures[i] = failure;
            }
        });
        return new Dictionary<int, string>(failures);
    }

    private static ParallelOptions Options() => new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = Cancel };

    private static string Describe(Dictionary<int, string> failures, int total, string what) =>
        $"{failures.Count} of {total} sessions {what}, e.g. " +
        string.Join("; ", failures.OrderBy(f => f.Key).Take(5).Select(f => $"#{f.Key}: {f.Value}"));

    private static void Output(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
