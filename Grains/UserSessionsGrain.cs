using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sessions.Grains;

/// <summary>
/// The index of one user's sessions. Non-reentrant, so racing logins are counted one after the other and the limit
/// holds; before counting or listing, every entry is checked against its session (which judges its own expiry, also
/// when its grain was deactivated or its row purged), so the index never lists or counts a session that is over.
/// </summary>
public sealed class UserSessionsGrain(
    [PersistentState("user-sessions", SessionStorage.DirectoryProviderName)] IPersistentState<UserSessionsState> index,
    IOptions<AuthOptions> options,
    ILogger<UserSessionsGrain> logger) : Grain, IUserSessionsGrain
{
    private readonly int _maxSessions = options.Value.MaxSessionsPerUser;

    private string UserId => this.GetPrimaryKeyString();

    private List<UserSessionEntry> Entries => index.State.Sessions;

    public async ValueTask<SessionInfo> SignInAsync(
        string? currentKey, string newKey, SessionLogin login, CancellationToken cancellationToken = default)
    {
        SessionInfo? info = null;
        if (currentKey is not null)
        {
            var rotated = await Session(currentKey).RotateAsync(new SessionRotation(newKey, login), cancellationToken);
            info = rotated.Status == SessionRotationStatus.Rotated ? rotated.Info : null;
        }

        info ??= await GrainFactory.GetGrain<ISessionHandover>(newKey).StartSignedInAsync(login, cancellationToken);
        var live = await LiveSessionsAsync(cancellationToken);
        Entries.Clear();
        Entries.AddRange(live.Where(s => s.Entry.Handle != info.Handle).Select(s => s.Entry));
        Entries.Add(new UserSessionEntry(info.Handle, newKey, info.CreatedAt));
        await EvictBeyondLimitAsync(info.Handle, cancellationToken);
        await SaveAsync(cancellationToken);
        return info;
    }

    public async ValueTask<IReadOnlyList<SessionInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var live = await LiveSessionsAsync(cancellationToken);
        if (live.Count != Entries.Count)
        {
            Entries.Clear();
            Entries.AddRange(live.Select(s => s.Entry));
            await SaveAsync(cancellationToken);
        }

        return [.. live.Select(s => s.Info).OrderBy(s => s.CreatedAt)];
    }

    public async ValueTask<bool> EndAsync(string handle, SessionEndReason reason, CancellationToken cancellationToken = default)
    {
        var entry = Entries.Find(e => e.Handle == handle);
        if (entry is null)
        {
            return false;
        }

        await Session(entry.GrainKey).EndAsync(reason, cancellationToken);
        Entries.Remove(entry);
        await SaveAsync(cancellationToken);
        return true;
    }

    public async ValueTask<int> EndAllAsync(string? exceptHandle, SessionEndReason reason, CancellationToken cancellationToken = default)
    {
        var ending = Entries.Where(e => e.Handle != exceptHandle).ToList();
        await Task.WhenAll(ending.Select(e => Session(e.GrainKey).EndAsync(reason, cancellationToken).AsTask()));
        Entries.RemoveAll(ending.Contains);
        await SaveAsync(cancellationToken);
        return ending.Count;
    }

    public async ValueTask SessionEndedAsync(string handle)
    {
        if (Entries.RemoveAll(e => e.Handle == handle) > 0)
        {
            await SaveAsync(CancellationToken.None);
        }
    }

    public async ValueTask SessionMovedAsync(string handle, string newKey)
    {
        var at = Entries.FindIndex(e => e.Handle == handle);
        if (at >= 0 && Entries[at].GrainKey != newKey)
        {
            Entries[at] = Entries[at] with { GrainKey = newKey };
            await SaveAsync(CancellationToken.None);
        }
    }

    /// <summary>The entries whose sessions are live, each with its session's description (asked of all at once).</summary>
    private async Task<List<(UserSessionEntry Entry, SessionInfo Info)>> LiveSessionsAsync(CancellationToken cancellationToken)
    {
        var described = await Task.WhenAll(Entries.Select(async entry =>
            (Entry: entry, Info: await Session(entry.GrainKey).DescribeAsync(cancellationToken))));
        return [.. described.Where(d => d.Info is not null && d.Info.UserId == UserId).Select(d => (d.Entry, d.Info!))];
    }

    /// <summary>Ends the oldest sessions (by creation time) beyond the limit, never <paramref name="keepHandle"/>.</summary>
    private async Task EvictBeyondLimitAsync(string keepHandle, CancellationToken cancellationToken)
    {
        var excess = Entries.Count - _maxSessions;
        if (excess <= 0)
        {
            return;
        }

        var evicted = Entries.Where(e => e.Handle != keepHandle).OrderBy(e => e.CreatedAt).Take(excess).ToList();
        foreach (var entry in evicted)
        {
            await Session(entry.GrainKey).EndAsync(SessionEndReason.Evicted, cancellationToken);
            Entries.Remove(entry);
            logger.SessionEvicted(UserId, SessionFingerprint.Of(entry.Handle), _maxSessions);
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (Entries.Count == 0)
        {
            await index.ClearStateAsync(cancellationToken);
        }
        else
        {
            await index.WriteStateAsync(cancellationToken);
        }
    }

    private ISessionGrain Session(string grainKey) => GrainFactory.GetGrain<ISessionGrain>(grainKey);
}
