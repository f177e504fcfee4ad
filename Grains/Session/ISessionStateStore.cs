using Orleans.Storage;

namespace Sessions.Grains;

/// <summary>
/// Where session records are kept: one per grain key, with an opaque version (ETag) that every change must name. The
/// session grain talks to it directly; a lifecycle event (a session's start with its first write, its end with the
/// delete) is stored with the change it belongs to, in the same transaction where the store has one.
/// </summary>
/// <remarks>
/// Implementations: the row store of SQLite and PostgreSQL (<c>Sessions.Storage.SessionRowStateStore</c>) and memory
/// (<see cref="MemorySessionStateStore"/>). Registered with <see cref="SessionStateStoreServiceCollectionExtensions.AddSessionStateStore"/>,
/// which puts the one translation of storage failures in front of it. A write serializes <c>state</c> before it
/// first yields, so the caller may change its state while the write waits for its batch.
/// </remarks>
public interface ISessionStateStore
{
    /// <summary>The stored session of <paramref name="grainKey"/> and its version, or null when there is none.</summary>
    Task<StoredSessionState?> ReadAsync(string grainKey, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="state"/> if the stored version is still <paramref name="expectedETag"/> (null: nothing
    /// stored) and returns the new version; <paramref name="lifecycleEvent"/>, if any, is stored with it.
    /// </summary>
    /// <exception cref="InconsistentStateException">The stored version differs (another activation wrote it).</exception>
    /// <exception cref="SessionStorageException">Storage failed.</exception>
    Task<string> WriteAsync(
        string grainKey, string? expectedETag, SessionState state, SessionLifecycleEvent? lifecycleEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the stored session if its version is still <paramref name="expectedETag"/>; <paramref name="lifecycleEvent"/>,
    /// if any, is stored with the delete. With no expected version there is nothing of this caller's to delete.
    /// </summary>
    /// <exception cref="InconsistentStateException">The stored version differs (another activation wrote it).</exception>
    /// <exception cref="SessionStorageException">Storage failed.</exception>
    Task DeleteAsync(string grainKey, string? expectedETag, SessionLifecycleEvent? lifecycleEvent, CancellationToken cancellationToken);
}
