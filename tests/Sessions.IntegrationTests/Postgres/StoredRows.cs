using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;

namespace Sessions.Tests.Postgres;

/// <summary>What each storage engine keeps in PostgreSQL for a session, read behind its back.</summary>
internal static class StoredRows
{
    /// <summary>The table <paramref name="engine"/> keeps session rows in.</summary>
    public static string Table(SessionStorageEngine engine) =>
        engine == SessionStorageEngine.Sessions ? "sessions_state" : "sessions_grain_state";

    /// <summary>Rows of <paramref name="grainKey"/> in <paramref name="serviceId"/>.</summary>
    public static async Task<int> CountAsync(
        string db, SessionStorageEngine engine, string serviceId, string grainKey, CancellationToken cancellationToken) =>
        (int)await Sql.ScalarAsync<long>(db, engine == SessionStorageEngine.Sessions
                ? "SELECT count(*) FROM sessions_state WHERE service_id = @service AND grain_key = @key"
                : "SELECT count(*) FROM sessions_grain_state WHERE service_id = @service AND state_name = 'session' AND key_ext = @key",
            cancellationToken, ("service", serviceId), ("key", grainKey));
}
