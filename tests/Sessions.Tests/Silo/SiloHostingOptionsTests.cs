using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Sessions.Silo;

namespace Sessions.Tests.Silo;

public sealed class SiloHostingOptionsTests
{
    [Fact]
    public void Load_Defaults_AreValidAndUnchanged()
    {
        var options = SiloHostingOptions.Load(Section([]));

        Assert.Equal(SiloClustering.Localhost, options.Clustering);
        Assert.Equal(SessionStorageKind.Sqlite, options.Storage);
        Assert.Equal(SiloReminders.Memory, options.Reminders); // the purge of abandoned sessions needs a reminder service
        Assert.False(options.UsesPostgres);
    }

    [Fact]
    public void Load_AdoNetClusteringWithoutConnectionString_NamesTheOptions()
    {
        var error = Assert.Throws<OptionsValidationException>(() => SiloHostingOptions.Load(Section(new()
        {
            ["Silo:Clustering"] = "AdoNet",
            ["Silo:Storage"] = "PostgreSql",
        })));

        Assert.Contains(
            "Silo:PostgresConnectionString must be set when Silo:Clustering is AdoNet and Silo:Storage is PostgreSql.",
            error.Failures);
    }

    [Fact]
    public void Load_UnknownEnumText_ListsTheChoices()
    {
        var error = Assert.Throws<OptionsValidationException>(() => SiloHostingOptions.Load(Section(new()
        {
            ["Silo:Reminders"] = "Redis",
        })));

        Assert.Equal(["Silo:Reminders 'Redis' is not one of None, Memory, AdoNet."], error.Failures);
    }

    [Fact]
    public void Load_AdoNetClusteringWithSqliteStorage_IsRefused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => SiloHostingOptions.Load(Section(new()
        {
            ["Silo:Clustering"] = "AdoNet",
            ["Silo:Storage"] = "Sqlite",
            ["Silo:PostgresConnectionString"] = "Host=127.0.0.1;Username=u",
        })));

        Assert.Contains(error.Failures, f => f.StartsWith("Silo:Storage Sqlite", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_BadConnectionStringOrAddress_DoesNotEchoThePassword()
    {
        var error = Assert.Throws<OptionsValidationException>(() => SiloHostingOptions.Load(Section(new()
        {
            ["Silo:Storage"] = "PostgreSql",
            ["Silo:PostgresConnectionString"] = "Host=127.0.0.1;Password=top-secret;NoSuchKeyword=1",
            ["Silo:AdvertisedIPAddress"] = "not-an-ip",
        })));

        Assert.Contains(error.Failures, f => f.StartsWith("Silo:PostgresConnectionString is not a valid", StringComparison.Ordinal));
        Assert.Contains("Silo:AdvertisedIPAddress 'not-an-ip' is not an IP address.", error.Failures);
        Assert.DoesNotContain("top-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RemindersNoneWithPurgeOnPersistentStorage_NamesTheOptions()
    {
        var error = Assert.Throws<OptionsValidationException>(() => SiloHostingOptions.Load(Section(new()
        {
            ["Silo:Reminders"] = "None",
        }), new SessionPurgeOptions()));

        Assert.Equal(
            ["Silo:Reminders None leaves the purge of abandoned sessions without a reminder service; with Silo:Storage Sqlite set Silo:Reminders to Memory or AdoNet, or SessionPurge:Enabled to false."],
            error.Failures);
    }

    [Theory]
    [InlineData("Sqlite", false)]
    [InlineData("Memory", true)]
    public void Load_RemindersNoneWithoutAnythingToPurge_IsAccepted(string storage, bool purgeEnabled)
    {
        var options = SiloHostingOptions.Load(Section(new()
        {
            ["Silo:Reminders"] = "None",
            ["Silo:Storage"] = storage,
        }), new SessionPurgeOptions { Enabled = purgeEnabled });

        Assert.Equal(SiloReminders.None, options.Reminders);
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(SiloHostingOptions.SectionName);
}
