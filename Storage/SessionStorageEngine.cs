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

    /// <summary>Orleans' ADO.NET grain storage: one transaction (and, on SQLite, one blocking write) per session write.</summary>
    OrleansAdoNet = 1,
}
