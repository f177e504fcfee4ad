namespace Sessions.Silo;

public static class SessionStorageSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant name under which Orleans loads Microsoft.Data.Sqlite.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>
    /// Session state in a SQLite file through Orleans' ADO.NET persistence. Cleared sessions delete their row; state
    /// is stored in Orleans' binary format. The schema must have been applied (<see cref="SqliteSchema"/>).
    /// </summary>
    public static ISiloBuilder AddSqliteSessionStorage(this ISiloBuilder silo, string databasePath) =>
        silo.AddSessionsAdoNetStorage(SqliteInvariant, SqliteSchema.ConnectionString(databasePath));
}
