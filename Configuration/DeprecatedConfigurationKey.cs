namespace Sessions.Configuration;

/// <summary>A configuration key of the previous release that still works, with a warning, as its replacement.</summary>
/// <param name="OldKey">The key as it used to be spelled, e.g. <c>Silo:ServiceId</c>.</param>
/// <param name="NewKey">The key to use instead, e.g. <c>Orleans:ServiceId</c>.</param>
public sealed record DeprecatedConfigurationKey(string OldKey, string NewKey)
{
    /// <summary>Every key renamed by the one configuration model; they are read until the release after this one.</summary>
    public static IReadOnlyList<DeprecatedConfigurationKey> All { get; } =
    [
        new("Silo:ServiceId", "Orleans:ServiceId"),
        new("Frontend:ServiceId", "Orleans:ServiceId"),
        new("Silo:ClusterId", "Orleans:ClusterId"),
        new("Frontend:ClusterId", "Orleans:ClusterId"),
        new("Silo:PostgresConnectionString", "ConnectionStrings:Sessions"),
        new("Frontend:PostgresConnectionString", "ConnectionStrings:Sessions"),
        new("SessionCookie:KeyRingConnectionString", "ConnectionStrings:SessionsKeyRing"),
        new("Silo:Clustering", "Cluster:Membership"),
        new("Frontend:Clustering", "Cluster:Membership"),
        new("Silo:GatewayPort", "Cluster:GatewayPort"),
        new("Frontend:GatewayPort", "Cluster:GatewayPort"),
    ];

    /// <summary>The environment-variable spelling of <see cref="NewKey"/>.</summary>
    public string NewEnvironmentVariable => NewKey.Replace(":", "__", StringComparison.Ordinal);
}
