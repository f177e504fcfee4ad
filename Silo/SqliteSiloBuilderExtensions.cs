using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Sessions.Grains;

namespace Sessions.Silo;

public static class SqliteSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant name under which Orleans loads Microsoft.Data.Sqlite.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>
    /// Session state in a SQLite file through Orleans' ADO.NET persistence. Cleared sessions delete their row; state
    /// is stored in Orleans' binary format. The schema must have been applied (<see cref="SqliteSchema"/>). Also
    /// registers the <see cref="ISessionRowPurger"/> that <see cref="SessionPurgeSiloBuilderExtensions.AddSessionPurge"/>
    /// uses on this file.
    /// </summary>
    public static ISiloBuilder AddSqliteSessionStorage(this ISiloBuilder silo, string databasePath)
    {
        var connectionString = SqliteSchema.ConnectionString(databasePath);
        silo.Services.TryAddSingleton<ISessionRowPurger>(sp =>
            new SqliteSessionRowPurger(connectionString, sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        return silo.AddSessionsAdoNetStorage(SqliteInvariant, connectionString);
    }
}
