namespace Sessions.Storage;

/// <summary>Orleans clients (frontends in client mode) on the PostgreSQL schema in <c>Schema/PostgreSql</c>.</summary>
public static class PostgresClientBuilderExtensions
{
    /// <summary>Finds the cluster's active gateways in the PostgreSQL membership table.</summary>
    public static IClientBuilder UseSessionsPostgresClustering(this IClientBuilder client, string connectionString) =>
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresSiloBuilderExtensions.Invariant;
            o.ConnectionString = connectionString;
        });
}
