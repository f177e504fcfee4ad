using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Sessions.Grains;
using Sessions.Grains.Interfaces;

namespace Sessions.Storage;

/// <summary>
/// Session records on <c>sessions_state</c> rows (<see cref="ISessionRowStore"/>, SQLite or PostgreSQL): the state is
/// serialized on the caller's turn, the write waits for its batch to commit, and the row's version is the ETag, so a
/// version conflict fails that one write with <see cref="InconsistentStateException"/> and the grain replays it. With
/// <c>KeyEncryption:EncryptPayloads</c> the serialized state is encrypted here, the one place payloads pass.
/// </summary>
public sealed class SessionRowStateStore : ISessionStateStore
{
    private readonly ISessionRowStore _store;
    private readonly Serializer<SessionState> _serializer;
    private readonly SessionPayloadEncryption? _encryption;

    public SessionRowStateStore(ISessionRowStore store, Serializer<SessionState> serializer)
        : this(store, serializer, null)
    {
    }

    internal SessionRowStateStore(ISessionRowStore store, Serializer<SessionState> serializer, SessionPayloadEncryption? encryption)
    {
        _store = store;
        _serializer = serializer;
        _encryption = encryption;
    }

    /// <summary>The state store of a silo: payloads encrypted when the <c>KeyEncryption</c> section says so.</summary>
    internal static SessionRowStateStore Create(IServiceProvider services, ISessionRowStore store) =>
        new(store, services.GetRequiredService<Serializer<SessionState>>(),
            services.GetRequiredService<ConfiguredKeyEncryption>() is { EncryptPayloads: true, Keys: { } keys } ? new SessionPayloadEncryption(keys) : null);

    // Queued writes are not cancelled: a write that reached the batch is as good as sent (the grain checks its token first).
    public async Task<StoredSessionState?> ReadAsync(string grainKey, CancellationToken cancellationToken)
    {
        var found = await _store.ReadAsync(grainKey, CancellationToken.None);
        return found is { } stored
            ? new StoredSessionState(_serializer.Deserialize(Open(grainKey, stored.Row.Payload))!, stored.Version.ToString(CultureInfo.InvariantCulture))
            : null;
    }

    public async Task<string> WriteAsync(
        string grainKey, string? expectedETag, SessionState state, SessionLifecycleEvent? lifecycleEvent, CancellationToken cancellationToken)
    {
        var expiresAt = state.ExpiresAt(state.LastAccessedAt);
        SessionEndReason? expiryReason = state.Forward is not null ? null
            : expiresAt == state.AbsoluteExpiresAt ? SessionEndReason.AbsoluteTimeout : SessionEndReason.IdleTimeout;
        var row = new SessionRow(grainKey, state.UserId, state.CreatedAt, state.LastAccessedAt, expiresAt,
            Seal(grainKey, _serializer.SerializeToArray(state)), state.Handle ?? SessionFingerprint.PublicId(grainKey), expiryReason,
            state.PageViews, state.Interactions);
        var version = await WriteAsync(new SessionRowWrite(grainKey, ExpectedVersion(expectedETag), row, lifecycleEvent), expectedETag);
        return version!.Value.ToString(CultureInfo.InvariantCulture);
    }

    public async Task DeleteAsync(string grainKey, string? expectedETag, SessionLifecycleEvent? lifecycleEvent, CancellationToken cancellationToken)
    {
        if (ExpectedVersion(expectedETag) is { } expected)
        {
            await WriteAsync(new SessionRowWrite(grainKey, expected, row: null, lifecycleEvent), expectedETag);
        }
    }

    private async Task<long?> WriteAsync(SessionRowWrite write, string? etag)
    {
        await _store.EnqueueAsync(write, CancellationToken.None);
        var version = await write.Done;
        return version == SessionRowWrite.Conflict
            ? throw new InconsistentStateException("The stored session changed since it was read (another activation wrote it).", "unknown", etag ?? "none")
            : version;
    }

    private byte[] Seal(string grainKey, byte[] payload) => _encryption is null ? payload : _encryption.Seal(grainKey, payload);

    private byte[] Open(string grainKey, byte[] payload) => _encryption is null ? payload : _encryption.Open(grainKey, payload);

    private static long? ExpectedVersion(string? etag) =>
        string.IsNullOrEmpty(etag) ? null : long.Parse(etag, CultureInfo.InvariantCulture);
}
