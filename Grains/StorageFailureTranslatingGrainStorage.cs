using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Sessions.Grains;

/// <summary>
/// Wraps the directory grains' storage provider (per-user indexes, analytics, the epoch) so that what it throws when the database fails (a <c>DbException</c>, a timeout) reaches
/// callers as one <see cref="SessionStorageException"/>: frontends handle storage failures without knowing the engine.
/// Session records have their own translation (<see cref="FailureTranslatingSessionStateStore"/>).
/// Version conflicts (<see cref="InconsistentStateException"/>) and cancellations pass unchanged; the grain handles them.
/// </summary>
public sealed class StorageFailureTranslatingGrainStorage(IGrainStorage inner, ILogger<StorageFailureTranslatingGrainStorage> logger)
    : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        TranslateAsync("read", () => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        TranslateAsync("write", () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        TranslateAsync("clear", () => inner.ClearStateAsync(stateName, grainId, grainState));

    private async Task TranslateAsync(string operation, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception exception) when (exception is not (InconsistentStateException or OperationCanceledException or SessionStorageException))
        {
            // Grain ids (user ids among them) stay out of the log and the message.
            logger.StorageFailed(operation, exception);
            throw new SessionStorageException(
                $"Session storage could not {operation} a session: {exception.GetBaseException().Message}");
        }
    }
}
