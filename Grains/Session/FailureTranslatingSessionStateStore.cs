using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Sessions.Grains;

/// <summary>
/// The one place where what a session store throws when its database fails (a <c>DbException</c>, a timeout, an I/O
/// error) becomes <see cref="SessionStorageException"/> (a 503 at the frontends, whatever the engine). Version
/// conflicts (<see cref="InconsistentStateException"/>) and cancellations pass unchanged: the grain handles them.
/// </summary>
internal sealed class FailureTranslatingSessionStateStore(ISessionStateStore inner, ILogger<ISessionStateStore> logger) : ISessionStateStore
{
    public async Task<StoredSessionState?> ReadAsync(string grainKey, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.ReadAsync(grainKey, cancellationToken);
        }
        catch (Exception exception) when (IsFailure(exception))
        {
            throw Translate("read", exception);
        }
    }

    public async Task<string> WriteAsync(
        string grainKey, string? expectedETag, SessionState state, SessionLifecycleEvent? lifecycleEvent, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.WriteAsync(grainKey, expectedETag, state, lifecycleEvent, cancellationToken);
        }
        catch (Exception exception) when (IsFailure(exception))
        {
            throw Translate("write", exception);
        }
    }

    public async Task DeleteAsync(string grainKey, string? expectedETag, SessionLifecycleEvent? lifecycleEvent, CancellationToken cancellationToken)
    {
        try
        {
            await inner.DeleteAsync(grainKey, expectedETag, lifecycleEvent, cancellationToken);
        }
        catch (Exception exception) when (IsFailure(exception))
        {
            throw Translate("clear", exception);
        }
    }

    /// <summary>Already translated (the row stores fail a whole batch with one), a conflict or a cancellation: passed on.</summary>
    private static bool IsFailure(Exception exception) =>
        exception is not (InconsistentStateException or OperationCanceledException or SessionStorageException);

    private SessionStorageException Translate(string operation, Exception exception)
    {
        // The grain key is a keyed hash of the session id, yet it stays out of the log and the message all the same.
        logger.StorageFailed(operation, exception);
        return new SessionStorageException($"Session storage could not {operation} a session: {exception.GetBaseException().Message}", exception);
    }
}
