using System.Globalization;
using Orleans.Serialization;
using Orleans.Storage;
using Sessions.Grains;
using Sessions.Grains.Interfaces;

namespace Sessions.Storage;

/// <summary>
/// Orleans grain storage for session state on <c>sessions_state</c> rows (<see cref="ISessionRowStore"/>): the state
/// is serialized on the grain's turn, the write waits for its batch to commit, and the row's version is the ETag, so
/// a version conflict fails that one write with <see cref="InconsistentStateException"/> and the grain replays it.
/// </summary>
public sealed class SessionGrainStorage(ISessionRowStore store, Serializer<SessionState> serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        EnsureSessionState<T>();
        var found = await store.ReadAsync(grainId.Key.ToString()!, CancellationToken.None);
        if (found is not { } stored)
        {
            Reset(grainState);
            return;
        }

        grainState.State = (T)(object)serializer.Deserialize(stored.Row.Payload)!;
        grainState.ETag = stored.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        EnsureSessionState<T>();
        var session = (SessionState)(object)grainState.State!;
        var key = grainId.Key.ToString()!;
        var expiresAt = session.ExpiresAt(session.LastAccessedAt);
        SessionEndReason? expiryReason = session.Forward is not null ? null
            : expiresAt == session.AbsoluteExpiresAt ? SessionEndReason.AbsoluteTimeout : SessionEndReason.IdleTimeout;
        var row = new SessionRow(key, session.UserId, session.CreatedAt, session.LastAccessedAt, expiresAt,
            serializer.SerializeToArray(session), session.Handle ?? SessionFingerprint.PublicId(key), expiryReason,
            session.PageViews, session.Interactions);
        var write = new SessionRowWrite(key, ExpectedVersion(grainState.ETag), row, (grainState as ISessionEventSource)?.PendingEvent);
        var version = await WriteAsync(write, grainState.ETag);
        grainState.ETag = version!.Value.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        EnsureSessionState<T>();
        if (ExpectedVersion(grainState.ETag) is { } expected)
        {
            var ended = (grainState as ISessionEventSource)?.PendingEvent;
            await WriteAsync(new SessionRowWrite(grainId.Key.ToString()!, expected, row: null, ended), grainState.ETag);
        }

        Reset(grainState);
    }

    private async Task<long?> WriteAsync(SessionRowWrite write, string? etag)
    {
        await store.EnqueueAsync(write, CancellationToken.None);
        var version = await write.Done;
        return version == SessionRowWrite.Conflict
            ? throw new InconsistentStateException("The stored session changed since it was read (another activation wrote it).", "unknown", etag ?? "none")
            : version;
    }

    private static long? ExpectedVersion(string? etag) =>
        string.IsNullOrEmpty(etag) ? null : long.Parse(etag, CultureInfo.InvariantCulture);

    private static void Reset<T>(IGrainState<T> grainState)
    {
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static void EnsureSessionState<T>()
    {
        if (typeof(T) != typeof(SessionState))
        {
            throw new NotSupportedException($"{nameof(SessionGrainStorage)} keeps {nameof(SessionState)} only, not {typeof(T).Name}.");
        }
    }
}
