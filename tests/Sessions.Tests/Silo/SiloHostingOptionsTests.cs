using Microsoft.Extensions.Options;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;

namespace Sessions.Tests.Silo;

public sealed class SiloHostingOptionsTests
{
    [Fact]
    public void Defaults_AreValidAndUnchanged()
    {
        var options = ConfiguredSilo.Options<SiloHostingOptions>([]);
        var cluster = ConfiguredSilo.Options<SessionsClusterOptions>([]);

        Assert.Equal(ClusterMembership.Localhost, cluster.Membership);
        Assert.Equal(SessionStorageKind.Sqlite, options.Storage);
        Assert.Equal(SiloReminders.Memory, options.Reminders); // the purge of abandoned sessions needs a reminder service
        Assert.False(options.UsesPostgres(cluster.Membership));
    }

    [Fact]
    public void AdoNetMembershipWithoutConnectionString_NamesTheKeys()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ConfiguredSilo.Build(new()
        {
            ["Cluster:Membership"] = "AdoNet",
            ["Silo:Storage"] = "PostgreSql",
        }));

        Assert.Contains("ConnectionStrings:Sessions must be set when Cluster:Membership is AdoNet.", error.Failures);
    }

    [Fact]
    public void PostgresStorageWithoutConnectionString_NamesTheKeys()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ConfiguredSilo.Build(new()
        {
            ["Silo:Storage"] = "PostgreSql",
            ["Silo:Reminders"] = "AdoNet",
        }));

        Assert.Equal(["ConnectionStrings:Sessions must be set when Silo:Storage is PostgreSql and Silo:Reminders is AdoNet."], error.Failures);
    }

    [Fact]
    public void UnknownEnumText_ListsTheChoices()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ConfiguredSilo.Build(new()
        {
            ["Silo:Reminders"] = "Redis",
        }));

        Assert.Equal(["Silo:Reminders 'Redis' is not one of None, Memory, AdoNet."], error.Failures);
    }

    [Fact]
    public void GrainDirectory_DefaultsToConsistentWithoutCrashLease_AndALeaseOutOfRangeIsRefused()
    {
        var defaults = ConfiguredSilo.Options<SiloHostingOptions>([]);
        Assert.Equal(SiloGrainDirectory.Consistent, defaults.GrainDirectory);
        Assert.Equal(TimeSpan.Zero, defaults.GrainDirectoryCrashLease);

        var unknown = Assert.Throws<OptionsValidationException>(() => ConfiguredSilo.Build(new() { ["Silo:GrainDirectory"] = "Strong" }));
        Assert.Equal(["Silo:GrainDirectory 'Strong' is not one of Consistent, Eventual."], unknown.Failures);

        var negative = Assert.Throws<OptionsValidationException>(() => ConfiguredSilo.Build(new() { ["Silo:GrainDirectoryCrashLease"] = "-00:00:01" }));
        Assert.Equal(["Silo:GrainDirectoryCrashLease must be between 00:00:00 and 00:10:00."], negative.Failures);
    }

    [Fact]
    public void MembershipConfirmation_DefaultsToTheLeaseDuration_ZeroTurnsItOff_AndAWindowOutOfRangeIsRefused()
    {
        Assert.Equal(new ReadLeaseOptions().Duration, ConfiguredSilo.Options<SiloHostingOptions>([]).MembershipConfirmation);
        Assert.Equal(TimeSpan.Zero, ConfiguredSilo.Options<SiloHostingOptions>(new() { ["Silo:MembershipConfirmation"] = "00:00:00" }).MembershipConfirmation);

        foreach (var refused in new[] { "00:00:00.1", "00:00:11", "-00:00:01" })
        {
            var error = Assert.Throws<OptionsValidationException>(() => ConfiguredSilo.Build(new() { ["Silo:MembershipConfirmation"] = refused }));
            Assert.Equal(["Silo:MembershipConfirmation must be 00:00:00 (off) or between 00:00:00.5 and 00:00:10."], error.Failures);
        }
    }

    [Fact]
    public void AdoNetMembershipWithSqliteStorage_IsRefused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ConfiguredSilo.Build(new()
        {
            ["Cluster:Membership"] = "AdoNet",
            ["Silo:Storage"] = "Sqlite",
            ["ConnectionStrings:Sessions"] = "Host=127.0.0.1;Username=u",
        }));

        Assert.Contains(error.Failures, f => f.StartsWith("Silo:Storage Sqlite", StringComparison.Ordinal));
    }

    [Fact]
    public void BadConnectionString_DoesNotEchoThePassword()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ConfiguredSilo.Build(new()
        {
            ["Silo:Storage"] = "PostgreSql",
            ["ConnectionStrings:Sessions"] = "Host=127.0.0.1;Password=top-secret;NoSuchKeyword=1",
        }));

        Assert.Contains(error.Failures, f => f.StartsWith("ConnectionStrings:Sessions is not a valid", StringComparison.Ordinal));
        Assert.DoesNotContain("top-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadAddressAndPorts_NameTheKeys()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ConfiguredSilo.Build(new()
        {
            ["Silo:AdvertisedIPAddress"] = "not-an-ip",
            ["Silo:SiloPort"] = "30000",
        }));

        Assert.Equal(
            ["Silo:AdvertisedIPAddress 'not-an-ip' is not an IP address.", "Silo:SiloPort and Cluster:GatewayPort must differ."],
            error.Failures);
    }

    [Fact]
    public void RemindersNoneWithPurgeOnPersistentStorage_NamesTheKeys()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ConfiguredSilo.Build(new()
        {
            ["Silo:Reminders"] = "None",
        }));

        Assert.Equal(
            ["Silo:Reminders None leaves the purge of abandoned sessions without a reminder service; with Silo:Storage Sqlite set Silo:Reminders to Memory or AdoNet, or SessionPurge:Enabled to false."],
            error.Failures);
    }

    [Theory]
    [InlineData("Sqlite", "false")]
    [InlineData("Memory", "true")]
    public void RemindersNoneWithoutAnythingToPurge_IsAccepted(string storage, string purgeEnabled)
    {
        var options = ConfiguredSilo.Options<SiloHostingOptions>(new()
        {
            ["Silo:Reminders"] = "None",
            ["Silo:Storage"] = storage,
            ["SessionPurge:Enabled"] = purgeEnabled,
        });

        Assert.Equal(SiloReminders.None, options.Reminders);
    }
}
