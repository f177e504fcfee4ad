using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;
using Sessions.Grains;

namespace Sessions.Silo;

/// <summary>How a silo is hosted. Bound from the <c>Silo</c> configuration section.</summary>
public sealed class SiloHostingOptions
{
    public const string SectionName = "Silo";

    public SiloClustering Clustering { get; set; } = SiloClustering.Localhost;

    public SessionStorageKind Storage { get; set; } = SessionStorageKind.Sqlite;

    /// <summary>
    /// Where reminders are kept. In memory by default: the purge of abandoned sessions needs a reminder service, and
    /// every silo re-registers its one reminder when it starts, so losing the memory copy loses nothing.
    /// </summary>
    public SiloReminders Reminders { get; set; } = SiloReminders.Memory;

    /// <summary>The SQLite database file; a relative path is taken from the content root. Its folder is created.</summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "sessions.db");

    /// <summary>Npgsql connection string used by AdoNet clustering, PostgreSql storage and AdoNet reminders.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// Apply (create or migrate) the PostgreSQL schema when the silo starts. When false the silo only checks the
    /// schema version and refuses to start unless it is current; apply it with <c>Sessions.Silo migrate</c>.
    /// </summary>
    public bool ApplySchemaOnStart { get; set; }

    /// <summary>The address other silos and clients reach this silo on (AdoNet clustering only).</summary>
    public string AdvertisedIPAddress { get; set; } = IPAddress.Loopback.ToString();

    /// <summary>Listen on all interfaces instead of only the advertised address (AdoNet clustering only).</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>Port silos talk to each other on.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients (frontends in client mode) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Identifies the application's stored data; keep it stable across deployments.</summary>
    public string ServiceId { get; set; } = "sessions";

    /// <summary>Identifies one cluster (one deployment) of silos.</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>How quickly a silo that stopped answering is declared dead; unset values keep Orleans' defaults.</summary>
    public SiloFailureDetectionOptions FailureDetection { get; set; } = new();

    /// <summary>True when any of clustering, storage or reminders runs on PostgreSQL.</summary>
    public bool UsesPostgres =>
        Clustering == SiloClustering.AdoNet || Storage == SessionStorageKind.PostgreSql || Reminders == SiloReminders.AdoNet;

    /// <summary>
    /// Binds the section and validates it, together with the <paramref name="purge"/> settings when given. Unknown
    /// enum texts and invalid combinations throw an <see cref="OptionsValidationException"/> whose messages name the
    /// option.
    /// </summary>
    public static SiloHostingOptions Load(IConfigurationSection section, SessionPurgeOptions? purge = null)
    {
        var errors = new List<string>();
        CheckEnumText<SiloClustering>(section, nameof(Clustering), errors);
        CheckEnumText<SessionStorageKind>(section, nameof(Storage), errors);
        CheckEnumText<SiloReminders>(section, nameof(Reminders), errors);
        if (errors.Count == 0)
        {
            var options = section.Get<SiloHostingOptions>() ?? new SiloHostingOptions();
            errors.AddRange(options.Validate(purge));
            if (errors.Count == 0)
            {
                return options;
            }
        }

        throw new OptionsValidationException(SectionName, typeof(SiloHostingOptions), errors);
    }

    /// <summary>
    /// Every problem with these settings (and with the <paramref name="purge"/> settings they must serve, when given),
    /// each naming the option; empty when they are usable.
    /// </summary>
    public IReadOnlyList<string> Validate(SessionPurgeOptions? purge = null)
    {
        var errors = new List<string>();
        CheckDefined(Clustering, nameof(Clustering), errors);
        CheckDefined(Storage, nameof(Storage), errors);
        CheckDefined(Reminders, nameof(Reminders), errors);

        if (purge is { Enabled: true } && Storage != SessionStorageKind.Memory && Reminders == SiloReminders.None)
        {
            errors.Add($"Silo:Reminders None leaves the purge of abandoned sessions without a reminder service; with Silo:Storage {Storage} set Silo:Reminders to Memory or AdoNet, or SessionPurge:Enabled to false.");
        }

        if (Storage == SessionStorageKind.Sqlite && string.IsNullOrWhiteSpace(SqlitePath))
        {
            errors.Add("Silo:SqlitePath must be set when Silo:Storage is Sqlite.");
        }

        if (Clustering == SiloClustering.AdoNet && Storage == SessionStorageKind.Sqlite)
        {
            errors.Add("Silo:Storage Sqlite keeps sessions in a file local to one silo; with Silo:Clustering AdoNet use PostgreSql.");
        }

        ValidatePostgres(errors);

        if (!IPAddress.TryParse(AdvertisedIPAddress, out _))
        {
            errors.Add($"Silo:AdvertisedIPAddress '{AdvertisedIPAddress}' is not an IP address.");
        }

        if (SiloPort is < 1 or > 65535)
        {
            errors.Add("Silo:SiloPort must be between 1 and 65535.");
        }

        if (GatewayPort is < 1 or > 65535)
        {
            errors.Add("Silo:GatewayPort must be between 1 and 65535.");
        }

        if (SiloPort == GatewayPort)
        {
            errors.Add("Silo:SiloPort and Silo:GatewayPort must differ.");
        }

        if (string.IsNullOrWhiteSpace(ServiceId) || string.IsNullOrWhiteSpace(ClusterId))
        {
            errors.Add("Silo:ServiceId and Silo:ClusterId must not be empty.");
        }

        errors.AddRange(FailureDetection.Validate());

        return errors;
    }

    private void ValidatePostgres(List<string> errors)
    {
        var users = new List<string>();
        if (Clustering == SiloClustering.AdoNet)
        {
            users.Add("Silo:Clustering is AdoNet");
        }

        if (Storage == SessionStorageKind.PostgreSql)
        {
            users.Add("Silo:Storage is PostgreSql");
        }

        if (Reminders == SiloReminders.AdoNet)
        {
            users.Add("Silo:Reminders is AdoNet");
        }

        if (string.IsNullOrWhiteSpace(PostgresConnectionString))
        {
            if (users.Count > 0)
            {
                errors.Add($"Silo:PostgresConnectionString must be set when {string.Join(" and ", users)}.");
            }
            else if (ApplySchemaOnStart)
            {
                errors.Add("Silo:ApplySchemaOnStart needs Silo:PostgresConnectionString.");
            }

            return;
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(PostgresConnectionString);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException)
        {
            // The text itself is not repeated: it may hold a password.
            errors.Add($"Silo:PostgresConnectionString is not a valid Npgsql connection string: {exception.Message}");
        }
    }

    private static void CheckDefined<TEnum>(TEnum value, string name, List<string> errors)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            errors.Add($"Silo:{name} '{value}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }
    }

    private static void CheckEnumText<TEnum>(IConfigurationSection section, string name, List<string> errors)
        where TEnum : struct, Enum
    {
        var text = section[name];
        if (!string.IsNullOrWhiteSpace(text) && !Enum.TryParse<TEnum>(text, ignoreCase: true, out _))
        {
            errors.Add($"Silo:{name} '{text}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }
    }
}
