using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace Sessions.Tests.Storage;

/// <summary>
/// The one translation of storage failures in front of every session store (<see cref="SessionStateStoreServiceCollectionExtensions.AddSessionStateStore"/>):
/// an engine's exception becomes <see cref="SessionStorageException"/>, a version conflict and a cancellation stay what they are.
/// </summary>
public sealed class SessionStateStoreFailureTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EngineFailure_OnReadWriteAndDelete_BecomesSessionStorageException_NamingTheOperation()
    {
        var store = Registered(new FailingStore(new TestDbException("disk I/O error")));

        var read = await Assert.ThrowsAsync<SessionStorageException>(() => store.ReadAsync("k", Token));
        var write = await Assert.ThrowsAsync<SessionStorageException>(() => store.WriteAsync("k", null, new SessionState(), null, Token));
        var delete = await Assert.ThrowsAsync<SessionStorageException>(() => store.DeleteAsync("k", "1", null, Token));

        Assert.Equal("Session storage could not read a session: disk I/O error", read.Message);
        Assert.Equal("Session storage could not write a session: disk I/O error", write.Message);
        Assert.Equal("Session storage could not clear a session: disk I/O error", delete.Message);
        Assert.IsType<TestDbException>(read.InnerException);
    }

    [Fact]
    public async Task VersionConflict_Cancellation_AndTranslatedFailures_PassUnchanged()
    {
        var conflict = new InconsistentStateException("conflict", "2", "1");
        var cancelled = new OperationCanceledException();
        var translated = new SessionStorageException("batch failed");

        Assert.Same(conflict, await Assert.ThrowsAsync<InconsistentStateException>(
            () => Registered(new FailingStore(conflict)).WriteAsync("k", "1", new SessionState(), null, Token)));
        Assert.Same(cancelled, await Assert.ThrowsAsync<OperationCanceledException>(
            () => Registered(new FailingStore(cancelled)).ReadAsync("k", Token)));
        Assert.Same(translated, await Assert.ThrowsAsync<SessionStorageException>(
            () => Registered(new FailingStore(translated)).DeleteAsync("k", "1", null, Token)));
    }

    [Fact]
    public void AddSessionStateStore_ALaterCallReplacesAnEarlierOne()
    {
        var first = new FailingStore(new InvalidOperationException());
        var second = new FailingStore(new InvalidOperationException());
        var services = new ServiceCollection().AddLogging()
            .AddSessionStateStore(_ => first)
            .AddSessionStateStore(_ => second);

        Assert.Single(services, d => d.ServiceType == typeof(ISessionStateStore));
    }

    /// <summary>The store as the silo resolves it: behind the translation.</summary>
    private static ISessionStateStore Registered(ISessionStateStore inner) =>
        new ServiceCollection().AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddSessionStateStore(_ => inner).BuildServiceProvider().GetRequiredService<ISessionStateStore>();

    private sealed class TestDbException(string message) : DbException(message);

    private sealed class FailingStore(Exception failure) : ISessionStateStore
    {
        public Task<StoredSessionState?> ReadAsync(string grainKey, CancellationToken cancellationToken) =>
            Task.FromException<StoredSessionState?>(failure);

        public Task<string> WriteAsync(
            string grainKey, string? expectedETag, SessionState state, SessionLifecycleEvent? lifecycleEvent, CancellationToken cancellationToken) =>
            Task.FromException<string>(failure);

        public Task DeleteAsync(string grainKey, string? expectedETag, SessionLifecycleEvent? lifecycleEvent, CancellationToken cancellationToken) =>
            Task.FromException(failure);
    }
}
