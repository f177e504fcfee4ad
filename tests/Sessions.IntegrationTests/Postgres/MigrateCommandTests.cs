using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;
using Sessions.Tests.Fixtures;

namespace Sessions.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class MigrateCommandTests(PostgresFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrate_EmptyDatabase_AppliesAndPrintsVersion()
    {
        var db = await fixture.CreateDatabaseAsync(Cancel);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MigrateCommand.RunAsync(["migrate", "--connection", db], Configured([]), output, error, Cancel);
        var checkCode = await MigrateCommand.RunAsync(["migrate", "--connection", db, "--check"], Configured([]), output, error, Cancel);

        Assert.Equal(0, exitCode);
        Assert.Equal(0, checkCode);
        Assert.Empty(error.ToString());
        Assert.Contains("Applying 001-2-persistence.sql", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"Schema version {PostgresSchema.CurrentVersion} (was none;", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_ServerUnreachable_FailsWithOneLine()
    {
        var port = TestPorts.Next();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MigrateCommand.RunAsync(
            ["migrate", "--connection", $"Host=127.0.0.1;Port={port};Username=u;Password=secret-pw;Timeout=5"], Configured([]), output, error, Cancel);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"migrate failed: Cannot reach PostgreSQL at 127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_NoConnection_ExitsWithUsage()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MigrateCommand.RunAsync(["migrate", "--bogus"], Configured([]), output, error, Cancel);

        Assert.Equal(2, exitCode);
        Assert.Contains("usage:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_WithoutArgument_UsesConnectionStringsSessions()
    {
        var db = await fixture.CreateDatabaseAsync(Cancel);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MigrateCommand.RunAsync(["migrate"], Configured(new() { ["ConnectionStrings:Sessions"] = db }), output, error, Cancel);

        Assert.Equal(0, exitCode);
        Assert.Empty(error.ToString());
        Assert.Contains($"Schema version {PostgresSchema.CurrentVersion} (was none;", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_DeprecatedConnectionKey_StillWorksWithOneWarning()
    {
        var db = await fixture.CreateDatabaseAsync(Cancel);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MigrateCommand.RunAsync(["migrate", "--check"], Configured(new() { ["Silo:PostgresConnectionString"] = db }), output, error, Cancel);

        Assert.Equal(1, exitCode); // reached the database: the schema is missing
        Assert.Contains("The Sessions schema is missing", output.ToString(), StringComparison.Ordinal);
        var warning = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("migrate: warning: Configuration key 'Silo:PostgresConnectionString' is deprecated", warning, StringComparison.Ordinal);
        Assert.Contains("'ConnectionStrings:Sessions'", warning, StringComparison.Ordinal);
    }

    private static HostApplicationBuilder Configured(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
