using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Sessions.Tests.Cluster;

/// <summary>
/// A real cluster of separate processes on 127.0.0.1, started once for the collection by
/// <c>scripts/local-cluster.sh up --silos 3 --frontends 2</c> (private PostgreSQL, Silo and WebFrontend processes of
/// this build) and always taken down with <c>down</c>, even when starting it failed.
/// </summary>
public sealed partial class LocalClusterFixture : IAsyncLifetime
{
    public const int SiloCount = 3;
    public const int FrontendCount = 2;

    private const int ActiveStatus = 3; // Orleans SiloStatus.Active in sessions_membership.status
    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan DownTimeout = TimeSpan.FromMinutes(2);

    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), $"sessions-lc-{Guid.NewGuid():N}"[..23]);
    private readonly Dictionary<int, LocalSilo> _silos = [];
    private readonly Dictionary<int, LocalFrontend> _frontends = [];
    private string _connectionString = "";
    private string _clusterId = "";

    public IReadOnlyCollection<LocalSilo> Silos => _silos.Values;

    /// <summary>Sessions written by the first test, for the tests after it (null until then).</summary>
    public IReadOnlyList<WrittenSession>? WrittenSessions { get; set; }

    public LocalSilo Silo(int number) => _silos[number];

    public LocalFrontend Frontend(int number) => _frontends[number];

    /// <summary>The lines of frontend <paramref name="number"/>'s log that contain <paramref name="text"/> (why a request failed).</summary>
    public IReadOnlyList<string> FrontendLogLines(int number, string text)
    {
        var log = Path.Combine(_stateDirectory, "logs", $"frontend-{number}.log");
        return File.Exists(log) ? File.ReadLines(log).Where(line => line.Contains(text, StringComparison.Ordinal)).ToList() : [];
    }

    public async ValueTask InitializeAsync()
    {
        try
        {
            var up = await RunAsync(UpTimeout, "up", "--silos", Number(SiloCount), "--frontends", Number(FrontendCount));
            Record(up.Lines());
            if (_silos.Count != SiloCount || _frontends.Count != FrontendCount)
            {
                throw new InvalidOperationException($"local-cluster.sh up reported {_silos.Count} silos and {_frontends.Count} frontends:\n{up.Output}");
            }

            var run = Path.Combine(_stateDirectory, "run");
            _connectionString = (await File.ReadAllTextAsync(Path.Combine(run, "connection-string"))).Trim();
            _clusterId = (await File.ReadAllTextAsync(Path.Combine(run, "cluster-id"))).Trim();
        }
        catch
        {
            try
            {
                await DisposeAsync();
            }
            catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
            {
                // Report why up failed, not why the clean-up after it failed too.
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            _ = (await RunAsync(DownTimeout, "down")).Lines(); // throws with the script's output when down failed
        }
        finally
        {
            try
            {
                Directory.Delete(_stateDirectory, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Logs stay behind for a look; the folder is in the temp folder.
            }
        }
    }

    /// <summary>Kills silo <paramref name="number"/> with SIGKILL, by its PID: no shutdown, no goodbye to the cluster.</summary>
    public void KillSilo(int number)
    {
        using var process = Process.GetProcessById(_silos[number].Pid);
        process.Kill(); // SIGKILL on Unix
        process.WaitForExit(TimeSpan.FromSeconds(10));
    }

    /// <summary>Starts silo <paramref name="number"/> again on its ports; returns when its new incarnation is Active.</summary>
    public async Task<LocalSilo> StartSiloAsync(int number)
    {
        Record((await RunAsync(CommandTimeout, "start-silo", Number(number))).Lines());
        return _silos[number];
    }

    /// <summary>Adds a silo to the running cluster (<c>add-silo</c>); returns it once Active.</summary>
    public async Task<LocalSilo> AddSiloAsync()
    {
        var lines = (await RunAsync(CommandTimeout, "add-silo")).Lines();
        Record(lines);
        return _silos[_silos.Keys.Max()];
    }

    /// <summary>Stops silo <paramref name="number"/> gracefully (<c>stop-silo</c>: SIGTERM); fails if it had to be killed.</summary>
    public async Task StopSiloAsync(int number)
    {
        var result = await RunAsync(CommandTimeout, "stop-silo", Number(number));
        Assert.True(result.ExitCode == 0, $"stop-silo {number} failed: {result.Error}");
        _silos.Remove(number);
    }

    /// <summary>Stops the cluster's PostgreSQL (<c>stop-db</c>): an outage.</summary>
    public async Task StopDatabaseAsync() => Assert.Equal(0, (await RunAsync(CommandTimeout, "stop-db")).ExitCode);

    /// <summary>Starts the cluster's PostgreSQL again on its port (<c>start-db</c>).</summary>
    public async Task StartDatabaseAsync() => Assert.Equal(0, (await RunAsync(CommandTimeout, "start-db")).ExitCode);

    /// <summary>Stops both frontend processes and starts them again on the same URLs; returns when they are ready.</summary>
    public async Task RestartFrontendsAsync() => Record((await RunAsync(CommandTimeout, "restart-frontends")).Lines());

    /// <summary>The silo ports of the Active rows of this cluster in the membership table, one per Active incarnation.</summary>
    public async Task<IReadOnlyList<int>> ActiveSiloPortsAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT port FROM sessions_membership WHERE deployment_id = @cluster AND status = @active ORDER BY port", connection);
        command.Parameters.AddWithValue("cluster", _clusterId);
        command.Parameters.AddWithValue("active", ActiveStatus);
        var ports = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ports.Add(reader.GetInt32(0));
        }

        return ports;
    }

    private Task<LocalClusterScript.Result> RunAsync(TimeSpan timeout, params string[] arguments) =>
        LocalClusterScript.RunAsync(_stateDirectory, timeout, arguments);

    private void Record(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            if (SiloLine().Match(line) is { Success: true } silo)
            {
                var number = Parse(silo, 1);
                _silos[number] = new LocalSilo(number, Parse(silo, 2), Parse(silo, 3), Parse(silo, 4));
            }
            else if (FrontendLine().Match(line) is { Success: true } frontend)
            {
                var number = Parse(frontend, 1);
                _frontends[number] = new LocalFrontend(number, Parse(frontend, 2), new Uri(frontend.Groups[3].Value));
            }
            else
            {
                throw new InvalidOperationException($"Unexpected line from local-cluster.sh: '{line}'");
            }
        }
    }

    private static int Parse(Match match, int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^silo (\d+) pid=(\d+) silo-port=(\d+) gateway-port=(\d+)$")]
    private static partial Regex SiloLine();

    [GeneratedRegex(@"^frontend (\d+) pid=(\d+) url=(http://127\.0\.0\.1:\d+)$")]
    private static partial Regex FrontendLine();
}
