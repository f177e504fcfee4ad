using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;
using Sessions.Tests.Fixtures;

namespace Sessions.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresReminderTests(PostgresFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reminder_OnPostgres_IsStoredFiresAndUnregisters()
    {
        var db = await fixture.CreateDatabaseAsync(Cancel);
        await PostgresSchema.ApplyAsync(db, Cancel);
        var serviceId = PostgresTestCluster.NewServiceId();
        await using var cluster = await PostgresTestCluster.StartAsync(serviceId, silo =>
        {
            silo.UseSessionsPostgresReminders(db);
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.AddSingleton<ReminderProbe>();
        }, Cancel);
        var probe = cluster.Silos[0].ServiceProvider.GetRequiredService<ReminderProbe>();
        var grain = cluster.Client.GetGrain<IReminderProbeGrain>("probe");

        await grain.StartAsync("tick", TimeSpan.FromSeconds(1), Cancel);
        var stored = await Sql.ColumnAsync<long>(db,
            "SELECT period_ms FROM sessions_reminders WHERE service_id = @service AND reminder_name = 'tick'",
            Cancel, ("service", serviceId));
        await probe.FirstTickAsync("probe", "tick").WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        await grain.StopAsync("tick", Cancel);

        Assert.Equal([1000L], stored);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(db,
            "SELECT count(*) FROM sessions_reminders WHERE service_id = @service", Cancel, ("service", serviceId)));
    }
}
