using System.Diagnostics;
using System.Globalization;
using System.Net;
using Npgsql;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// A private, throwaway PostgreSQL server for one test run: its own temporary data folder, trust login on
/// 127.0.0.1 only, a free port. Tests ask it for fresh, empty databases. It never skips: when the server cannot
/// be started the fixture fails with the reason. When the tests run as root, initdb and pg_ctl run as the
/// <c>postgres</c> user (PostgreSQL refuses root).
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(90);

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"sessions-pg-{Guid.NewGuid():N}"[..24]);
    private string _binDirectory = "";
    private int _databases;
    private int? _serverPid;

    public int Port { get; private set; }

    /// <summary>
    /// An address of this machine the server also listens on, trusting its /24 (a bridge to network namespaces the test
    /// made); null: 127.0.0.1 only.
    /// </summary>
    public IPAddress? ExtraListenAddress { get; init; }

    /// <summary>Connection string of the server's maintenance database (<c>postgres</c>).</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    private string DataDirectory => Path.Combine(_root, "data");

    private string LogFile => Path.Combine(_root, "server.log");

    private static bool RunsAsRoot => Environment.IsPrivilegedProcess;

    public async ValueTask InitializeAsync()
    {
        try
        {
            _binDirectory = await PostgresBinaries.FindAsync();
            Directory.CreateDirectory(_root);
            if (RunsAsRoot)
            {
                await ExternalProcess.RunAsync("chown", [$"{ServiceUser}:", _root], _root, ToolTimeout);
            }

            await RunToolAsync("initdb", "-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                "--no-locale", "--no-sync", "--no-instructions");
            await StartServerAsync();
        }
        catch (Exception exception)
        {
            var log = ReadLog();
            await DisposeAsync();
            throw new InvalidOperationException(
                $"Could not start a private PostgreSQL for the tests (binaries: '{_binDirectory}', folder: {_root}): {exception.Message}\n{log}",
                exception);
        }
    }

    /// <summary>Creates a new, empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = $"sessions_test_{Interlocked.Increment(ref _databases)}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        _serverPid ??= ReadServerPid(); // also covers a start that timed out after the server came up
        try
        {
            if (_serverPid is not null)
            {
                await RunToolAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop");
            }
        }
        finally
        {
            KillServerIfAlive();
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
    }

    private string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = Port,
        Username = "postgres",
        Database = database,
        IncludeErrorDetail = true,
    }.ConnectionString;

    private async Task StartServerAsync()
    {
        // Trust, on 127.0.0.1 only (and the test's own bridge network, if any); no other host may log in.
        var extra = ExtraListenAddress is { } address ? $"host all all {address}/24 trust\n" : "";
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "pg_hba.conf"),
            "local all all trust\nhost all all 127.0.0.1/32 trust\n" + extra);
        for (var attempt = 1; ; attempt++)
        {
            Port = TestPorts.Next();
            await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), string.Join('\n',
                "",
                ExtraListenAddress is { } listen ? $"listen_addresses = '127.0.0.1,{listen}'" : "listen_addresses = '127.0.0.1'",
                $"port = {Port.ToString(CultureInfo.InvariantCulture)}",
                $"unix_socket_directories = '{_root}'",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "max_connections = 200",
                ""));
            try
            {
                await RunToolAsync("pg_ctl", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "start");
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Most likely another process took the port between probing and binding: try another one.
            }
        }

        _serverPid = ReadServerPid() ?? throw new InvalidOperationException("pg_ctl reported a start but left no postmaster.pid.");
    }

    private int? ReadServerPid()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        return File.Exists(pidFile)
            && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;
    }

    private Task<string> RunToolAsync(string tool, params string[] arguments)
    {
        var program = Path.Combine(_binDirectory, tool);
        return RunsAsRoot
            ? ExternalProcess.RunAsync("runuser", ["-u", ServiceUser, "--", program, .. arguments], _root, ToolTimeout)
            : ExternalProcess.RunAsync(program, arguments, _root, ToolTimeout);
    }

    private void KillServerIfAlive()
    {
        if (_serverPid is not { } pid)
        {
            return;
        }

        try
        {
            using var server = Process.GetProcessById(pid);
            if (!server.HasExited && server.ProcessName == "postgres")
            {
                server.Kill(entireProcessTree: true);
                server.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }

    private string ReadLog() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";
}
