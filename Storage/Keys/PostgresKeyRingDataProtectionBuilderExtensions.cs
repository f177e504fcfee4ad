using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Sessions.Storage;

public static class PostgresKeyRingDataProtectionBuilderExtensions
{
    /// <summary>
    /// Keeps the data-protection key ring in PostgreSQL (table <c>sessions_cookie_keys</c> of the Sessions schema), so
    /// every frontend of a deployment shares it and it survives restarts. The start is refused with a clear message
    /// when the database lacks the current schema.
    /// </summary>
    public static IDataProtectionBuilder PersistKeysToSessionsPostgres(this IDataProtectionBuilder builder, string connectionString)
    {
        builder.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = new PostgresXmlRepository(connectionString));
        builder.Services.AddHostedService(_ => new PostgresKeyRingCheck(connectionString));
        return builder;
    }
}
