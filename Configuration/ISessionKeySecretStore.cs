namespace Sessions.Configuration;

/// <summary>
/// Where the secret lives that frontends hash session ids with to key session grains and rows: kept with the cookie key
/// ring, created by the first frontend that needs it, the same for every frontend of a deployment.
/// </summary>
public interface ISessionKeySecretStore
{
    /// <summary>The stored secret, created (random, 32 bytes) and stored first when there is none.</summary>
    Task<byte[]> GetOrCreateAsync(CancellationToken cancellationToken);
}
