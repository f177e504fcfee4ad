using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Sessions.Storage;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// The in-memory test cluster for login tests: at most <see cref="MaxSessionsPerUser"/> sessions per user, the default
/// renewal timings on the fake clock, every silo's log entries kept (security events), the one-way notices user indexes
/// handled, and the directory storage (user indexes) watched.
/// </summary>
public sealed class AuthClusterFixture : ClusterFixture
{
    public const int MaxSessionsPerUser = 3;

    private const string InnerDirectoryStorageName = "directory-inner";

    public LogRecorder SiloLogs { get; } = new();

    public UserIndexNotices IndexNotices { get; } = new();

    public StorageProbe DirectoryStorage { get; } = new();

    /// <summary>The index of <paramref name="userId"/> as stored, read past its grain.</summary>
    public async Task<UserSessionsState> StoredIndexAsync(string userId)
    {
        var storage = Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(SessionStorage.DirectoryProviderName);
        var stored = new GrainState<UserSessionsState>(new UserSessionsState());
        await storage.ReadStateAsync("user-sessions", Grains.GetGrain<IUserSessionsGrain>(userId).GetGrainId(), stored);
        return stored.State ?? new UserSessionsState();
    }

    protected override void ConfigureDirectoryStorage(ISiloBuilder silo)
    {
        silo.AddSessionsMemoryStorage(InnerDirectoryStorageName);
        silo.Services.AddKeyedSingleton(SessionStorage.DirectoryProviderName,
            (services, _) => DirectoryStorage.Wrap(services.GetRequiredKeyedService<IGrainStorage>(InnerDirectoryStorageName)));
    }

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.Configure<AuthOptions>(o => o.MaxSessionsPerUser = MaxSessionsPerUser);
        silo.Services.AddSingleton<ILoggerProvider>(SiloLogs);
        silo.Services.AddSingleton(IndexNotices);
        silo.AddIncomingGrainCallFilter<UserIndexNoticeFilter>();
    }
}
