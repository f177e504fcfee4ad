using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sessions.Configuration;

namespace Sessions.Storage;

/// <summary>
/// <c>Sessions.Silo migrate [--connection "Host=...;Username=...;Database=..."] [--check]</c>: applies (or, with
/// <c>--check</c>, only inspects) the PostgreSQL schema and exits. Without <c>--connection</c> the connection string is
/// <c>ConnectionStrings:Sessions</c> from the silo's configuration (appsettings.json, environment variable
/// <c>ConnectionStrings__Sessions</c>), as a silo reads it.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    private const string Usage =
        "usage: Sessions.Silo migrate [--connection \"Host=...;Username=...;Database=...\"] [--check] (default: ConnectionStrings:Sessions)";

    /// <summary>True when the command line asks for this command rather than a silo.</summary>
    public static bool Matches(IReadOnlyList<string> args) =>
        args.Count > 0 && string.Equals(args[0], Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs the command; returns the process exit code (0 success, 1 failure, 2 bad usage).</summary>
    /// <param name="args">The command line, starting with <c>migrate</c>.</param>
    /// <param name="host">The configuration to read <c>ConnectionStrings:Sessions</c> from when no <c>--connection</c> is given.</param>
    /// <param name="output">Progress and the result.</param>
    /// <param name="error">Usage errors, warnings about deprecated keys and failures.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, HostApplicationBuilder host, TextWriter output, TextWriter error,
        CancellationToken cancellationToken = default)
    {
        string? connectionString = null;
        var checkOnly = false;
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--connection" when i + 1 < args.Count:
                    connectionString = args[++i];
                    break;
                case "--check":
                    checkOnly = true;
                    break;
                default:
                    await error.WriteLineAsync($"migrate: unknown argument '{args[i]}'. {Usage}");
                    return 2;
            }
        }

        try
        {
            connectionString ??= await ConfiguredConnectionStringAsync(host, error);
        }
        catch (OptionsValidationException exception)
        {
            await error.WriteLineAsync($"migrate: {exception.Message}");
            return 2;
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await error.WriteLineAsync($"migrate: no connection string. {Usage}");
            return 2;
        }

        try
        {
            return checkOnly
                ? await CheckAsync(connectionString, output, cancellationToken)
                : await ApplyAsync(connectionString, output, cancellationToken);
        }
        catch (PostgresSchemaException exception)
        {
            await error.WriteLineAsync($"migrate failed: {exception.Message}");
            return 1;
        }
    }

    /// <summary>ConnectionStrings:Sessions through the silo's validated path, deprecated spellings included (with a warning).</summary>
    private static async Task<string?> ConfiguredConnectionStringAsync(HostApplicationBuilder host, TextWriter error)
    {
        foreach (var use in DeprecatedConfigurationKeys.Resolve((IConfigurationRoot)host.Configuration).Uses)
        {
            await error.WriteLineAsync($"migrate: warning: {use.Warning}");
        }

        host.AddSessionsConfiguration();
        return host.GetValidatedOptions<SessionsConnectionStrings>().Sessions;
    }

    private static async Task<int> ApplyAsync(string connectionString, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"Connecting to PostgreSQL at {PostgresConnections.Describe(connectionString)}");
        var result = await PostgresSchema.ApplyAsync(connectionString, new LineProgress(output), cancellationToken);
        var before = result.PreviousVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
        await output.WriteLineAsync(result.AppliedScripts.Count == 0
            ? $"Schema version {result.Version} (already current)"
            : $"Schema version {result.Version} (was {before}; {result.AppliedScripts.Count} scripts applied)");
        return 0;
    }

    private static async Task<int> CheckAsync(string connectionString, TextWriter output, CancellationToken cancellationToken)
    {
        var check = await PostgresSchema.CheckAsync(connectionString, cancellationToken);
        await output.WriteLineAsync(check.Message);
        return check.IsCurrent ? 0 : 1;
    }

    /// <summary>Writes each progress report as a line, synchronously (unlike <see cref="Progress{T}"/>).</summary>
    private sealed class LineProgress(TextWriter output) : IProgress<string>
    {
        public void Report(string value) => output.WriteLine("  " + value);
    }
}
