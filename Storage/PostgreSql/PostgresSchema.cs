using System.Globalization;
using Npgsql;

namespace Sessions.Storage;

/// <summary>
/// Creates or migrates the PostgreSQL schema that Orleans' ADO.NET clustering, grain persistence and reminders run
/// on. The scripts are embedded in this assembly as <c>Schema/PostgreSql/NNN-*.sql</c>, where NNN is the schema
/// version a script belongs to. Applied versions are recorded in <c>sessions_schema_version</c>; only scripts of
/// versions above the recorded one run, all in one transaction under an advisory lock, so silos starting together
/// do not race. Each script is itself idempotent.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The schema version this build's scripts produce and its queries expect.</summary>
    public const int CurrentVersion = 5;

    /// <summary>The table recording which schema versions were applied (one row per version).</summary>
    public const string VersionTable = "sessions_schema_version";

    /// <summary>The advisory lock key every schema change takes; an arbitrary constant owned by Sessions.</summary>
    internal const long AdvisoryLockKey = 0x5E55_1045_0C4E_0001;

    private const string ScriptPrefix = ".Schema.PostgreSql.";

    private const string CreateVersionTableSql = $"""
        CREATE TABLE IF NOT EXISTS {VersionTable}
        (
            version    integer     NOT NULL PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now(),
            applied_by text        NOT NULL DEFAULT current_user
        );
        """;

    /// <summary>The embedded scripts in the order they run.</summary>
    internal static IReadOnlyList<Script> Scripts { get; } = LoadScripts();

    public static Task<PostgresSchemaApplyResult> ApplyAsync(string connectionString, CancellationToken cancellationToken) =>
        ApplyAsync(connectionString, progress: null, cancellationToken);

    /// <summary>Brings the database to <see cref="CurrentVersion"/>; reports each script to <paramref name="progress"/>.</summary>
    /// <exception cref="PostgresSchemaException">Unreachable server, refused login, a newer schema, or a failed script.</exception>
    public static async Task<PostgresSchemaApplyResult> ApplyAsync(
        string connectionString, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var target = PostgresConnections.Describe(connectionString);
        await using var connection = await PostgresConnections.OpenAsync(connectionString, cancellationToken);
        var step = "taking the schema lock";
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey});", cancellationToken);
            await ExecuteAsync(connection, transaction, CreateVersionTableSql, cancellationToken);
            var found = await ReadVersionAsync(connection, transaction, cancellationToken);
            if (found > CurrentVersion)
            {
                throw new PostgresSchemaException(new PostgresSchemaCheck(target, found).Message);
            }

            var applied = new List<string>();
            foreach (var script in Scripts.Where(s => s.Version > (found ?? 0)))
            {
                step = $"running {script.Name}";
                progress?.Report($"Applying {script.Name} (schema version {script.Version})");
                await ExecuteAsync(connection, transaction, script.ReadText(), cancellationToken);
                applied.Add(script.Name);
            }

            step = "recording the schema version";
            foreach (var version in Scripts.Select(s => s.Version).Where(v => v > (found ?? 0)).Distinct())
            {
                await ExecuteAsync(connection, transaction,
                    $"INSERT INTO {VersionTable} (version) VALUES ({version.ToString(CultureInfo.InvariantCulture)}) ON CONFLICT (version) DO NOTHING;",
                    cancellationToken);
            }

            step = "committing";
            await transaction.CommitAsync(cancellationToken);
            return new PostgresSchemaApplyResult(target, found, CurrentVersion, applied);
        }
        catch (PostgresException exception)
        {
            throw new PostgresSchemaException(
                $"Applying the Sessions schema to PostgreSQL at {target} failed while {step}: {exception.SqlState} {exception.MessageText}",
                exception);
        }
        catch (NpgsqlException exception)
        {
            throw new PostgresSchemaException(
                $"PostgreSQL at {target} failed while {step}: {PostgresConnections.Innermost(exception).Message}", exception);
        }
    }

    /// <summary>Reads the applied schema version without changing anything.</summary>
    /// <exception cref="PostgresSchemaException">The server is unreachable or refuses the login.</exception>
    public static async Task<PostgresSchemaCheck> CheckAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var target = PostgresConnections.Describe(connectionString);
        await using var connection = await PostgresConnections.OpenAsync(connectionString, cancellationToken);
        try
        {
            await using var probe = connection.CreateCommand();
            probe.CommandText = $"SELECT to_regclass('{VersionTable}') IS NOT NULL;";
            var exists = (bool)(await probe.ExecuteScalarAsync(cancellationToken))!;
            var found = exists ? await ReadVersionAsync(connection, null, cancellationToken) : null;
            return new PostgresSchemaCheck(target, found);
        }
        catch (NpgsqlException exception)
        {
            throw new PostgresSchemaException(
                $"Reading the Sessions schema version from PostgreSQL at {target} failed: {PostgresConnections.Innermost(exception).Message}",
                exception);
        }
    }

    private static async Task<int?> ReadVersionAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT max(version) FROM {VersionTable};", connection, transaction);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is int version ? version : null;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<Script> LoadScripts()
    {
        var scripts = new List<Script>();
        foreach (var resource in typeof(PostgresSchema).Assembly.GetManifestResourceNames())
        {
            var at = resource.IndexOf(ScriptPrefix, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var name = resource[(at + ScriptPrefix.Length)..];
            if (name.Length < 4 || name[3] != '-' || !int.TryParse(name.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Embedded PostgreSQL script '{name}' is not named NNN-<name>.sql.");
            }

            scripts.Add(new Script(version, name, resource));
        }

        scripts.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return scripts;
    }

    /// <summary>One embedded script: the schema version it belongs to, its file name and its resource name.</summary>
    internal sealed record Script(int Version, string Name, string ResourceName)
    {
        public string ReadText()
        {
            using var stream = typeof(PostgresSchema).Assembly.GetManifestResourceStream(ResourceName)!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
