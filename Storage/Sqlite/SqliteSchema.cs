using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Sessions.Storage;

/// <summary>Creates or refreshes the SQLite schema Orleans' ADO.NET persistence runs on. Safe to run at every start.</summary>
public static class SqliteSchema
{
    /// <summary>The schema version the embedded scripts produce (kept in <c>PRAGMA user_version</c>).</summary>
    public const int CurrentVersion = 3;

    public static string ConnectionString(string databasePath) =>
        new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();

    /// <summary>
    /// Creates a missing database file empty and readable by its owner only (0600) before SQLite opens it: SQLite gives
    /// the -wal, -shm and journal files it makes the database file's mode, so they are covered too. An existing file
    /// keeps the mode it has.
    /// </summary>
    internal static void CreateOwnerOnly(string databasePath)
    {
        if (OperatingSystem.IsWindows() || File.Exists(databasePath))
        {
            return;
        }

        try
        {
            using var created = new FileStream(databasePath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(databasePath))
        {
            // Another process created it first.
        }
    }

    public static async Task ApplyAsync(string databasePath, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        CreateOwnerOnly(databasePath);
        await using var connection = new SqliteConnection(ConnectionString(databasePath));
        await connection.OpenAsync(cancellationToken);
        int found;
        await using (var probe = connection.CreateCommand())
        {
            probe.CommandText = "PRAGMA user_version;";
            found = Convert.ToInt32(await probe.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (found > CurrentVersion)
            {
                throw new InvalidOperationException(
                    $"SQLite database '{databasePath}' has schema version {found}, newer than this build's {CurrentVersion}. Use a newer build or another Silo:SqlitePath.");
            }
        }

        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;"; // not allowed inside a transaction
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        // Both engines' tables, refreshed at every start; each upgrade step runs once, on a file older than its version.
        var scripts = new List<string> { "001-persistence.sql", "002-sessions-state.sql" };
        if (found == 1)
        {
            scripts.Add("002-upgrade-from-1.sql");
        }

        if (found < 3)
        {
            scripts.Add("003-upgrade-from-2.sql");
        }

        scripts.Add("003-session-events.sql");

        await using var transaction = connection.BeginTransaction();
        foreach (var script in scripts)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = ReadScript(script);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var version = connection.CreateCommand())
        {
            version.Transaction = transaction;
            version.CommandText = $"PRAGMA user_version = {CurrentVersion};";
            await version.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static string ReadScript(string name)
    {
        var assembly = typeof(SqliteSchema).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("Sqlite." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
