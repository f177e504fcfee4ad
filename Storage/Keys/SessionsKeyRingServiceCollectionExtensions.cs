using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sessions.Storage;

public static class SessionsKeyRingServiceCollectionExtensions
{
    /// <summary>
    /// Keeps the deployment's key material in PostgreSQL, shared by every frontend and kept across restarts: the
    /// session-key secret (cookie tags and grain keys) and the app's Data Protection key ring (antiforgery, cookie
    /// authentication). An alternative to setting <c>SessionGrainKey:Secret</c>; the schema comes with
    /// <c>Sessions.Silo migrate</c>. Both are encrypted under the key-encryption key of the <c>KeyEncryption</c>
    /// section when it is set (docs/key-management.md).
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="connectionString">The database (Npgsql syntax), typically <c>ConnectionStrings:SessionsKeyRing</c>.</param>
    public static IServiceCollection AddSessionsPostgresKeyRing(this IServiceCollection services, string connectionString)
    {
        services.AddDataProtection().PersistKeysToSessionsPostgres(connectionString);
        services.AddKeyRingEncryption();
        services.TryAddSingleton<ISessionKeySecretStore>(sp =>
            new PostgresSessionKeySecretStore(connectionString, sp.GetRequiredService<ConfiguredKeyEncryption>().Keys));
        return services;
    }

    /// <summary>
    /// Keeps the session-key secret and the app's Data Protection key ring as files in <paramref name="folder"/>: one
    /// machine, or a folder every frontend mounts. Both are encrypted under the key-encryption key of the
    /// <c>KeyEncryption</c> section when it is set (docs/key-management.md).
    /// </summary>
    public static IServiceCollection AddSessionsFileKeyRing(this IServiceCollection services, string folder)
    {
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(folder));
        services.AddKeyRingEncryption();
        services.TryAddSingleton<ISessionKeySecretStore>(sp =>
            new FileSessionKeySecretStore(folder, sp.GetRequiredService<ConfiguredKeyEncryption>().Keys));
        return services;
    }
}
