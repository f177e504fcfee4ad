namespace Sessions.Grains;

/// <summary>
/// Deletes stored session rows by age, judged on the storage's own clock. Registered by the silo wiring for storages
/// that keep rows (SQLite, PostgreSQL); with none registered the purge does nothing.
/// </summary>
public interface ISessionRowPurger
{
    /// <summary>
    /// Deletes at most <paramref name="batchSize"/> rows of this service's session state (state name
    /// <see cref="SessionStorage.StateName"/>) last written more than <paramref name="age"/> ago by the database's
    /// clock, and returns how many went.
    /// </summary>
    Task<int> DeleteBatchAsync(TimeSpan age, int batchSize, CancellationToken cancellationToken);
}
