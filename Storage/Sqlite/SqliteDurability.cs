namespace Sessions.Storage;

/// <summary>How SQLite syncs a commit to disk (<c>PRAGMA synchronous</c>, with the write-ahead log).</summary>
public enum SqliteDurability
{
    /// <summary>
    /// <c>NORMAL</c>: a committed write survives a crash of the process; a power loss or OS crash may lose the last
    /// commits (the database stays consistent). The default.
    /// </summary>
    Normal = 0,

    /// <summary><c>FULL</c>: every commit is synced to disk before it is acknowledged; survives power loss, costs an fsync per batch.</summary>
    Full = 1,
}
