using System.Net;
using Microsoft.Extensions.Options;
using Sessions.Grains;

namespace Sessions.Hosting;

/// <summary>
/// Validates <see cref="SiloHostingOptions"/> together with the settings they must serve (membership, connection
/// strings, the purge); every message names its key.
/// </summary>
public sealed class SiloHostingOptionsValidator(
    IOptions<SessionsClusterOptions> cluster,
    IOptions<SessionsConnectionStrings> connectionStrings,
    IOptions<SessionPurgeOptions> purge) : IValidateOptions<SiloHostingOptions>
{
    /// <summary>What a silo configured with the retired engine says at start.</summary>
    internal const string RetiredEngineMessage =
        "Silo:StorageEngine OrleansAdoNet is retired for session rows: remove the key or set Silo:StorageEngine=Sessions (the default).";

    public ValidateOptionsResult Validate(string? name, SiloHostingOptions options)
    {
        var errors = new List<string>();
        CheckDefined(options.Storage, nameof(options.Storage), errors);
        CheckDefined(options.Reminders, nameof(options.Reminders), errors);
        CheckDefined(options.StorageEngine, nameof(options.StorageEngine), errors);
        if (options.StorageEngine == SessionStorageEngine.OrleansAdoNet)
        {
            errors.Add(RetiredEngineMessage);
        }

        CheckDefined(options.SqliteDurability, nameof(options.SqliteDurability), errors);
        CheckDefined(options.GrainDirectory, nameof(options.GrainDirectory), errors);
        if (options.GrainDirectoryCrashLease < TimeSpan.Zero || options.GrainDirectoryCrashLease > TimeSpan.FromMinutes(10))
        {
            errors.Add("Silo:GrainDirectoryCrashLease must be between 00:00:00 and 00:10:00.");
        }

        if (options.MembershipConfirmation != TimeSpan.Zero
            && (options.MembershipConfirmation < TimeSpan.FromMilliseconds(500) || options.MembershipConfirmation > TimeSpan.FromSeconds(10)))
        {
            errors.Add("Silo:MembershipConfirmation must be 00:00:00 (off) or between 00:00:00.5 and 00:00:10.");
        }

        if (options.MaxPendingWrites is < 1 or > 1_000_000)
        {
            errors.Add("Silo:MaxPendingWrites must be between 1 and 1000000.");
        }
        var membership = cluster.Value.Membership;

        if (purge.Value.Enabled && options.Storage != SessionStorageKind.Memory && options.Reminders == SiloReminders.None)
        {
            errors.Add($"Silo:Reminders None leaves the purge of abandoned sessions without a reminder service; with Silo:Storage {options.Storage} set Silo:Reminders to Memory or AdoNet, or SessionPurge:Enabled to false.");
        }

        if (options.Storage == SessionStorageKind.Sqlite && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            errors.Add("Silo:SqlitePath must be set when Silo:Storage is Sqlite.");
        }

        if (membership == ClusterMembership.AdoNet && options.Storage == SessionStorageKind.Sqlite)
        {
            errors.Add("Silo:Storage Sqlite keeps sessions in a file local to one silo; with Cluster:Membership AdoNet use PostgreSql.");
        }

        CheckPostgresUsers(options, errors);

        if (!IPAddress.TryParse(options.AdvertisedIPAddress, out _))
        {
            errors.Add($"Silo:AdvertisedIPAddress '{options.AdvertisedIPAddress}' is not an IP address.");
        }

        if (options.SiloPort is < 1 or > 65535)
        {
            errors.Add("Silo:SiloPort must be between 1 and 65535.");
        }

        if (options.SiloPort == cluster.Value.GatewayPort)
        {
            errors.Add("Silo:SiloPort and Cluster:GatewayPort must differ.");
        }

        errors.AddRange(options.FailureDetection.Validate());
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void CheckPostgresUsers(SiloHostingOptions options, List<string> errors)
    {
        if (!string.IsNullOrWhiteSpace(connectionStrings.Value.Sessions))
        {
            return;
        }

        // Cluster:Membership AdoNet without a connection string is reported by the Cluster validator.
        var users = new List<string>();
        if (options.Storage == SessionStorageKind.PostgreSql)
        {
            users.Add("Silo:Storage is PostgreSql");
        }

        if (options.Reminders == SiloReminders.AdoNet)
        {
            users.Add("Silo:Reminders is AdoNet");
        }

        if (users.Count > 0)
        {
            errors.Add($"ConnectionStrings:Sessions must be set when {string.Join(" and ", users)}.");
        }
        else if (options.ApplySchemaOnStart && cluster.Value.Membership != ClusterMembership.AdoNet)
        {
            errors.Add("Silo:ApplySchemaOnStart needs ConnectionStrings:Sessions.");
        }
    }

    private static void CheckDefined<TEnum>(TEnum value, string key, List<string> errors)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            errors.Add($"Silo:{key} '{value}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }
    }
}
