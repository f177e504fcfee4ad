using System.Diagnostics;
using System.Globalization;
using System.Net;
using Npgsql;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;

namespace Sessions.Tests.Cluster;

/// <summary>
/// A network partition of one of three silos running as separate hosts (network namespaces on a bridge, PostgreSQL
/// reachable from each): the other two keep serving, and the cut-off silo's sessions reactivate on them; once healed,
/// the silo that was declared dead stops itself, and a restart rejoins it. An increment-and-read load through two
/// frontends runs from before the cut to after the rejoin, and its recorded history must break no rule of the history
/// check. A third frontend runs beside the cut-off silo, in its namespace, with that silo as its only gateway: once
/// healed, before the silo learns it was declared dead, it reaches the silo's old activations, which must not answer
/// with a value older than the one written meanwhile through the others. Runs only where network namespaces can be made
/// (root, <c>ip netns</c>); elsewhere it skips and says why.
/// </summary>
public sealed class PartitionTests
{
    private const int Silos = 3;
    private const int SessionCount = 60;
    private const int Frontends = 2;
    private const int LoadSessions = 40;
    private const int LoadWorkers = 8;
    private const int CutSilo = 1;
    private const int SiloPort = 11111;
    private const int GatewayPort = 30000;
    private const int ActiveStatus = 3;
    private const int DeadStatus = 6;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    private readonly string _clusterId = $"partition-{Guid.NewGuid():N}"[..22];
    private readonly string _serviceId = $"svc-{Guid.NewGuid():N}";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASiloCutOff_TheOthersKeepServingItsSessions_ItStopsItselfOnceHealed_AndARestartRejoins()
    {
        if (await PartitionNetwork.UnavailableBecauseAsync() is { } why)
        {
            Assert.Skip($"The partition test needs network namespaces: {why}.");
        }

        await using var network = await PartitionNetwork.CreateAsync(Silos);
        var postgres = new PostgresFixture { ExtraListenAddress = network.HostAddress };
        await postgres.InitializeAsync();
        var silos = new Dictionary<int, AppProcess>();
        var frontends = new List<AppProcess>();
        IncrementLoad? load = null;
        AppProcess? beside = null;
        using var http = SessionRequests.CreateClient(); // outlives the load, which the finally block stops
        try
        {
            var database = await postgres.CreateDatabaseAsync(Cancel);
            await PostgresSchema.ApplyAsync(database, Cancel);
            var overBridge = new NpgsqlConnectionStringBuilder(database) { Host = network.HostAddress.ToString() }.ConnectionString;
            for (var n = 1; n <= Silos; n++)
            {
                silos[n] = StartSilo(network, n, overBridge);
            }

            await WaitAsync(async () => (await MembershipAsync(database)).Count(m => m.Status == ActiveStatus) == Silos, "three silos Active");
            var urls = new List<Uri>();
            for (var n = 1; n <= Frontends; n++)
            {
                var port = TestPorts.Next();
                var frontend = AppProcess.StartDll(BuiltApps.WebFrontendDll, ["--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string>
                {
                    ["Orleans__ServiceId"] = _serviceId,
                    ["Orleans__ClusterId"] = _clusterId,
                    ["ConnectionStrings__Sessions"] = database,
                    ["Cluster__Membership"] = "AdoNet",
                    ["Frontend__Mode"] = "Client",
                    ["RateLimits__SessionCreationsPerMinute"] = "0",
                });
                frontends.Add(frontend);
                urls.Add(new Uri($"http://127.0.0.1:{port}"));
                using var probe = new HttpClient { BaseAddress = urls[^1] };
                await Readiness.WaitForAsync(probe, frontend);
            }

            var besideUrl = new Uri($"http://{network.HostOf(CutSilo)}:{TestPorts.Next()}");
            beside = StartFrontendBeside(network, CutSilo, besideUrl, overBridge);
            using (var probe = new HttpClient { BaseAddress = besideUrl })
            {
                await Readiness.WaitForAsync(probe, beside);
            }

            var url = urls[0];
            var sessions = new List<WrittenSession>();
            for (var i = 0; i < SessionCount; i++)
            {
                sessions.Add(await SessionRequests.CreateAsync(http, url, $"v{i}", Cancel));
            }

            load = await IncrementLoad.StartAsync(http, urls, LoadSessions, LoadWorkers, Cancel);
            await network.CutAsync(CutSilo);
            var clock = Stopwatch.StartNew();
            var declaredDead = Task.Run(async () =>
            {
                await WaitAsync(async () => (await MembershipAsync(database)).Any(m => m.Address == network.HostOf(CutSilo).ToString() && m.Status == DeadStatus),
                    "the cut-off silo declared dead");
                return clock.Elapsed;
            });
            await WaitAsync(async () => await FirstUnreadAsync(http, url, sessions) is null, "every session read back through the other silos");
            var served = clock.Elapsed;
            var declared = await declaredDead;
            sessions = [.. await Task.WhenAll(sessions.Select((session, i) => SessionRequests.WriteAsync(http, url, session, $"w{i}", Cancel)))];

            await network.HealAsync(CutSilo);
            var healed = clock.Elapsed;
            var besideAnswers = await Task.WhenAll(sessions.Select(session => SessionRequests.ReadAsync(http, besideUrl, session, Cancel)));
            var besideRead = clock.Elapsed - healed;
            await WaitAsync(() => Task.FromResult(silos[CutSilo].HasExited), "the cut-off silo stopping itself after the heal");
            var stoppedItself = clock.Elapsed - healed;
            await silos[CutSilo].DisposeAsync();
            silos[CutSilo] = StartSilo(network, CutSilo, overBridge);
            await WaitAsync(async () => (await MembershipAsync(database)).Count(m => m.Status == ActiveStatus) == Silos, "the restarted silo Active again");
            var rejoined = clock.Elapsed - healed;

            var refusedAfterRejoin = await ReadBackAfterRejoinAsync(http, url, sessions);
            var settled = clock.Elapsed - healed;
            await load.RunForAsync(FaultReport.ExtraLoad, Cancel);
            await load.StopAsync();
            var check = await load.FindLostOrDoubledAsync(Cancel);
            var figures = string.Create(CultureInfo.InvariantCulture,
                $"declared dead after {declared.TotalSeconds:F1} s; healed: the frontend beside it had {besideAnswers.Count(a => a.Status == HttpStatusCode.ServiceUnavailable)} of {besideAnswers.Length} reads refused after {besideRead.TotalSeconds:F1} s, it stopped itself after {stoppedItself.TotalSeconds:F1} s, restarted and Active after {rejoined.TotalSeconds:F1} s, every session read back after {settled.TotalSeconds:F1} s ({refusedAfterRejoin} reads refused before that)");
            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"silo {CutSilo} cut off: all {SessionCount} sessions served by the other two after {served.TotalSeconds:F1} s, {figures}"));
            TestContext.Current.TestOutputHelper?.WriteLine($"partition history: {check.History.Describe()}; load errors: {load.DescribeErrors()}");
            FaultReport.Record("partition", served, $"silo {CutSilo} of {Silos} cut off; {figures}", load, check);
            Assert.Empty(check.Wrong);
            Assert.True(check.History.Violations.Count == 0, check.History.Describe());
            var stale = sessions.Zip(besideAnswers)
                .Where(pair => pair.Second.Status != HttpStatusCode.ServiceUnavailable && pair.Second.Body != pair.First.Value)
                .Select(pair => $"{(int)pair.Second.Status} '{pair.Second.Body}' (acknowledged '{pair.First.Value}')")
                .ToList();
            Assert.True(stale.Count == 0, $"the cut-off silo answered after the heal with what was overwritten: {string.Join("; ", stale)}");
        }
        finally
        {
            if (load is not null)
            {
                await load.DisposeAsync();
            }

            for (var n = 0; n < frontends.Count; n++)
            {
                var output = frontends[n].Output;
                TestContext.Current.TestOutputHelper?.WriteLine($"--- frontend {n + 1} (last lines)\n{output[Math.Max(0, output.Length - 3000)..]}");
                await frontends[n].DisposeAsync();
            }

            if (beside is not null)
            {
                await beside.DisposeAsync();
            }

            foreach (var (n, silo) in silos)
            {
                var output = silo.Output;
                TestContext.Current.TestOutputHelper?.WriteLine($"--- silo {n} (last lines)\n{output[Math.Max(0, output.Length - 1500)..]}");
                if (!silo.HasExited)
                {
                    await silo.KillAsync();
                }
            }

            await postgres.DisposeAsync();
        }
    }

    /// <summary>A frontend in silo <paramref name="n"/>'s namespace whose one gateway is that silo (over loopback, which no cut takes down).</summary>
    private AppProcess StartFrontendBeside(PartitionNetwork network, int n, Uri url, string connectionString) =>
        AppProcess.StartDllInNamespace(network.Namespace(n), BuiltApps.WebFrontendDll, ["--urls", url.ToString()], new Dictionary<string, string>
        {
            ["Orleans__ServiceId"] = _serviceId,
            ["Orleans__ClusterId"] = _clusterId,
            ["ConnectionStrings__Sessions"] = connectionString,
            ["Cluster__Membership"] = "Localhost",
            ["Cluster__GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Frontend__Mode"] = "Client",
            ["RateLimits__SessionCreationsPerMinute"] = "0",
        });

    private AppProcess StartSilo(PartitionNetwork network, int n, string connectionString) =>
        AppProcess.StartDllInNamespace(network.Namespace(n), BuiltApps.SiloDll, [], new Dictionary<string, string>
        {
            ["Orleans__ServiceId"] = _serviceId,
            ["Orleans__ClusterId"] = _clusterId,
            ["ConnectionStrings__Sessions"] = connectionString,
            ["Cluster__Membership"] = "AdoNet",
            ["Cluster__GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Silo__Storage"] = "PostgreSql",
            ["Silo__Reminders"] = "AdoNet",
            ["Silo__AdvertisedIPAddress"] = network.HostOf(n).ToString(),
            ["Silo__ListenOnAnyHostAddress"] = "true", // loopback too, for the frontend beside it
            ["Silo__SiloPort"] = SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Silo__FailureDetection__ProbeTimeout"] = "00:00:01",
            ["Silo__FailureDetection__NumMissedProbesLimit"] = "3",
        });

    /// <summary>What went wrong for the first session that did not read back its acknowledged value; null when all did.</summary>
    private static async Task<string?> FirstUnreadAsync(HttpClient http, Uri url, IReadOnlyList<WrittenSession> sessions)
    {
        for (var i = 0; i < sessions.Count; i++)
        {
            if (await SessionRequests.CheckAsync(http, url, sessions[i], Cancel) is { } problem)
            {
                return $"#{i}: {problem}";
            }
        }

        return null;
    }

    /// <summary>
    /// Once the cut-off silo rejoined: reads every session until each gives back its acknowledged value (within the
    /// budget). A read may be refused with 503 while the cluster takes the silo in; any other answer fails the test at
    /// once (another value, a lost session, an error, no answer). How many reads were refused.
    /// </summary>
    private static async Task<int> ReadBackAfterRejoinAsync(HttpClient http, Uri url, IReadOnlyList<WrittenSession> sessions)
    {
        var refused = 0;
        var pending = Enumerable.Range(0, sessions.Count).ToList();
        await WaitAsync(async () =>
        {
            var stillPending = new List<int>();
            foreach (var i in pending)
            {
                var (status, body) = await SessionRequests.ReadAsync(http, url, sessions[i], Cancel);
                if (status == HttpStatusCode.ServiceUnavailable)
                {
                    refused++;
                    stillPending.Add(i);
                }
                else if (status != HttpStatusCode.OK || body != sessions[i].Value)
                {
                    Assert.Fail($"after the rejoin, session #{i} answered {(int)status} '{body}' (acknowledged '{sessions[i].Value}')");
                }
            }

            pending = stillPending;
            return pending.Count == 0;
        }, "every session read back after the rejoin");
        return refused;
    }

    private async Task<IReadOnlyList<(string Address, int Status)>> MembershipAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(
            "SELECT address, status FROM sessions_membership WHERE deployment_id = @cluster ORDER BY generation", connection);
        command.Parameters.AddWithValue("cluster", _clusterId);
        var rows = new List<(string, int)>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        // One row per incarnation: a silo's latest decides.
        return [.. rows.GroupBy(r => r.Item1).Select(g => g.Last())];
    }

    /// <summary>Polls <paramref name="condition"/> (other processes change the state: there is no signal to await) within the budget.</summary>
    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Budget)
            {
                Assert.Fail($"Not within {Budget.TotalSeconds} s: {what}.");
            }

            await Task.Delay(Pause, Cancel);
        }
    }
}
