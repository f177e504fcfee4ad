namespace Sessions.Silo;

/// <summary>How a silo is hosted. Bound from the <c>Silo</c> configuration section.</summary>
public sealed class SiloHostingOptions
{
    public const string SectionName = "Silo";

    public SiloClustering Clustering { get; set; } = SiloClustering.Localhost;

    public SessionStorageKind Storage { get; set; } = SessionStorageKind.Sqlite;

    /// <summary>The SQLite database file; a relative path is taken from the content root. Its folder is created.</summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "sessions.db");

    /// <summary>Port silos talk to each other on.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients (frontends in client mode) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Identifies the application's stored data; keep it stable across deployments.</summary>
    public string ServiceId { get; set; } = "sessions";

    /// <summary>Identifies one cluster (one deployment) of silos.</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>Every problem with these settings, each naming the option; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Clustering))
        {
            errors.Add($"Silo:Clustering '{Clustering}' is not one of {string.Join(", ", Enum.GetNames<SiloClustering>())}.");
        }

        if (!Enum.IsDefined(Storage))
        {
            errors.Add($"Silo:Storage '{Storage}' is not one of {string.Join(", ", Enum.GetNames<SessionStorageKind>())}.");
        }

        if (Storage == SessionStorageKind.Sqlite && string.IsNullOrWhiteSpace(SqlitePath))
        {
            errors.Add("Silo:SqlitePath must be set when Silo:Storage is Sqlite.");
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

        return errors;
    }
}
