using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;
using Sessions.Tests.Postgres;

namespace Sessions.Tests.Purge;

/// <summary>The PostgreSQL purge statement on rows of known ages: only this service's session rows past the age go.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionRowPurgerTests(PostgresFixture fixture)
{
    private const string Service = "svc";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeleteBatch_OldAndYoungRows_DeletesOnlyOldSessionRowsOfTheService()
    {
        var db = await fixture.CreateDatabaseAsync(Cancel);
        await PostgresSchema.ApplyAsync(db, Cancel);
        await Sql.ExecuteAsync(db, """
            INSERT INTO sessions_grain_state (service_id, state_name, key_n0, key_n1, key_ext, payload, version, modified_at)
            SELECT 'svc', 'session', 0, 0, 'old-' || i, '\x01'::bytea, 1, now() - interval '60 seconds'
            FROM generate_series(1, 25) AS i;
            INSERT INTO sessions_grain_state (service_id, state_name, key_n0, key_n1, key_ext, payload, version, modified_at) VALUES
                ('svc', 'session', 0, 0, 'young', '\x01'::bytea, 1, now() - interval '10 seconds'),
                ('other-service', 'session', 0, 0, 'foreign', '\x01'::bytea, 1, now() - interval '60 seconds'),
                ('svc', 'cart', 0, 0, 'other-state', '\x01'::bytea, 1, now() - interval '60 seconds');
            """, Cancel);
        var purger = new PostgresSessionRowPurger(db, Service, SessionStorageEngine.OrleansAdoNet);

        var batches = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            batches.Add(await purger.DeleteBatchAsync(TimeSpan.FromSeconds(30), batchSize: 10, Cancel));
        }

        Assert.Equal([10, 10, 5, 0], batches);
        Assert.Equal(["foreign", "other-state", "young"],
            await Sql.ColumnAsync<string>(db, "SELECT key_ext FROM sessions_grain_state ORDER BY key_ext COLLATE \"C\"", Cancel));
    }

    [Fact]
    public async Task DeleteBatch_SessionsEngine_TakesOnlyRowsPastTheAge_EvenWhenYoungerRowsShareTheirBucket()
    {
        var db = await fixture.CreateDatabaseAsync(Cancel);
        await PostgresSchema.ApplyAsync(db, Cancel);
        // "young-*" were written 10 s ago, in a bucket that began before the cut-off: candidates by their bucket only.
        await Sql.ExecuteAsync(db, """
            INSERT INTO sessions_state (service_id, grain_key, version, created_at, last_access_at, expires_at, payload, written_at, written_bucket)
            SELECT 'svc', 'young-' || i, 1, now(), now(), now(), '\x01'::bytea, now() - interval '10 seconds', now() - interval '9 minutes'
            FROM generate_series(1, 5) AS i;
            INSERT INTO sessions_state (service_id, grain_key, version, created_at, last_access_at, expires_at, payload, written_at, written_bucket)
            SELECT 'svc', 'old-' || i, 1, now(), now(), now(), '\x01'::bytea, now() - interval '60 seconds', now() - interval '9 minutes'
            FROM generate_series(1, 3) AS i;
            INSERT INTO sessions_state (service_id, grain_key, version, created_at, last_access_at, expires_at, payload, written_at, written_bucket)
            VALUES ('other-service', 'foreign', 1, now(), now(), now(), '\x01'::bytea, now() - interval '60 seconds', now() - interval '9 minutes');
            """, Cancel);
        var purger = new PostgresSessionRowPurger(db, Service, SessionStorageEngine.Sessions);

        var first = await purger.DeleteBatchAsync(TimeSpan.FromSeconds(30), batchSize: 3, Cancel);
        var second = await purger.DeleteBatchAsync(TimeSpan.FromSeconds(30), batchSize: 3, Cancel);

        Assert.Equal((3, 0), (first, second));
        Assert.Equal(["foreign", "young-1", "young-2", "young-3", "young-4", "young-5"],
            await Sql.ColumnAsync<string>(db, "SELECT grain_key FROM sessions_state ORDER BY grain_key COLLATE \"C\"", Cancel));
    }

    [Fact]
    public async Task DeleteBatch_FractionalAge_CutsOffAtTheDatabaseClock()
    {
        var db = await fixture.CreateDatabaseAsync(Cancel);
        await PostgresSchema.ApplyAsync(db, Cancel);
        await Sql.ExecuteAsync(db, """
            INSERT INTO sessions_grain_state (service_id, state_name, key_n0, key_n1, key_ext, payload, version, modified_at) VALUES
                ('svc', 'session', 0, 0, 'older', '\x01'::bytea, 1, now() - interval '3.2 seconds'),
                ('svc', 'session', 0, 0, 'newer', '\x01'::bytea, 1, now() - interval '1.8 seconds');
            """, Cancel);
        var purger = new PostgresSessionRowPurger(db, Service, SessionStorageEngine.OrleansAdoNet);

        var deleted = await purger.DeleteBatchAsync(TimeSpan.FromSeconds(2.5), batchSize: 100, Cancel);

        Assert.Equal(1, deleted);
        Assert.Equal(["newer"], await Sql.ColumnAsync<string>(db, "SELECT key_ext FROM sessions_grain_state", Cancel));
    }
}
