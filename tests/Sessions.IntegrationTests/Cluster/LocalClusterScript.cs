using System.Diagnostics;
using System.Globalization;

namespace Sessions.Tests.Cluster;

/// <summary>
/// Runs <c>scripts/local-cluster.sh</c> of this repository on the build output the tests were built from, with a time
/// limit. The script's stdout holds only its process lines; stderr its progress, kept for failure messages.
/// </summary>
internal static class LocalClusterScript
{
    /// <summary>The repository root: the nearest folder above the test binaries that holds Sessions.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The build configuration of this test assembly (…/bin/&lt;Configuration&gt;/&lt;tfm&gt;/), so the script runs the matching builds.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";

    public static async Task<Result> RunAsync(string stateDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepoRoot, "scripts", "local-cluster.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--state-dir");
        start.ArgumentList.Add(stateDirectory);
        start.Environment["LOCAL_CLUSTER_NO_BUILD"] = "1";
        start.Environment["RateLimits__SessionCreationsPerMinute"] = "0"; // the tests create sessions faster than any client
        foreach (var (name, value) in TestUsers.EnvironmentVariables([("admin", "admin")])) // admin reads /api/admin/cluster
        {
            start.Environment[name] = value;
        }

        start.Environment["LOCAL_CLUSTER_CONFIGURATION"] = Configuration;
        if (FaultReport.MeasuresWriteBehind)
        {
            start.Environment["SessionPersistence__WriteMode"] = "WriteBehind"; // scripts/fault-suite.sh --write-behind
        }

        // Should this test process die before it takes the cluster down, the script's watchdog does.
        start.Environment["LOCAL_CLUSTER_OWNER_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

        var commandLine = $"local-cluster.sh {string.Join(' ', arguments)}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {commandLine}.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"{commandLine} (PID {process.Id}) did not finish within {timeout}; killed.\n{await error}");
        }

        return new Result(commandLine, process.ExitCode, await output, await error);
    }

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sessions.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Sessions.sln.");
    }

    /// <summary>What one run of the script printed and how it ended.</summary>
    internal sealed record Result(string CommandLine, int ExitCode, string Output, string Error)
    {
        /// <summary>The stdout lines; throws with the script's stderr when it failed.</summary>
        public IReadOnlyList<string> Lines() => ExitCode == 0
            ? Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : throw new InvalidOperationException($"{CommandLine} exited with code {ExitCode}:\n{Error}");
    }
}
