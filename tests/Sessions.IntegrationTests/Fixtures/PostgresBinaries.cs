using System.Globalization;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// Finds the PostgreSQL server programs (initdb, pg_ctl): the <c>SESSIONS_PG_BINDIR</c> environment variable, else
/// <c>pg_config --bindir</c>, else the usual install folders (newest version first).
/// </summary>
internal static class PostgresBinaries
{
    public const string BinDirVariable = "SESSIONS_PG_BINDIR";

    public static async Task<string> FindAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(BinDirVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return HasServer(fromEnvironment)
                ? fromEnvironment
                : throw new InvalidOperationException($"{BinDirVariable}='{fromEnvironment}' holds no initdb and pg_ctl.");
        }

        var fromPgConfig = await AskPgConfigAsync();
        if (fromPgConfig is not null && HasServer(fromPgConfig))
        {
            return fromPgConfig;
        }

        var found = Candidates().FirstOrDefault(HasServer);
        return found ?? throw new InvalidOperationException(
            "PostgreSQL server programs (initdb, pg_ctl) not found: install PostgreSQL (e.g. apt-get install postgresql) " +
            $"or set {BinDirVariable} to the folder holding them.");
    }

    private static bool HasServer(string folder) =>
        File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl"));

    private static async Task<string?> AskPgConfigAsync()
    {
        var pgConfig = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "pg_config"))
            .FirstOrDefault(File.Exists);
        if (pgConfig is null)
        {
            return null;
        }

        try
        {
            var output = await ExternalProcess.RunAsync(pgConfig, ["--bindir"], Path.GetTempPath(), TimeSpan.FromSeconds(10));
            return output.Trim();
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Candidates()
    {
        var versioned = new[] { "/usr/lib/postgresql", "/usr/local/lib/postgresql" }
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateDirectories)
            .OrderByDescending(VersionOf)
            .Select(folder => Path.Combine(folder, "bin"));
        var redHat = Directory.Exists("/usr")
            ? Directory.EnumerateDirectories("/usr", "pgsql-*").OrderByDescending(VersionOf).Select(f => Path.Combine(f, "bin"))
            : [];
        return versioned.Concat(redHat).Concat(["/usr/local/pgsql/bin", "/usr/local/bin", "/usr/bin"]);
    }

    private static double VersionOf(string folder)
    {
        var name = Path.GetFileName(folder);
        var digits = name[(name.IndexOf('-', StringComparison.Ordinal) + 1)..];
        return double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var version) ? version : 0;
    }
}
