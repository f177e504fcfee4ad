namespace Sessions.Storage;

/// <summary>Which implementation keeps session state in SQLite or PostgreSQL.</summary>
public enum SessionStorageEngine
{
    /// <summary>
    /// Ours (the default): one row per session in <c>sessions_state</c> with its expiry, last access and user id as
    /// columns, and group commit: the writes of many sessions that wait while the writer is busy go to the database
    /// in one transaction (SQLite, on a thread of its own) or one round trip (PostgreSQL).
    /// </summary>
    Sessions = 0,

    /// <summary>
    /// Retired for session rows: Orleans' ADO.NET grain storage (one transaction, and on SQLite one blocking write, per
    /// session write) measured 0.14x of <see cref="Sessions"/> on writes and stored no lifecycle events. A silo configured
    /// with it does not start; the value remains so that the purge can still name the old table.
    /// </summary>
    OrleansAdoNet = 1,
}
