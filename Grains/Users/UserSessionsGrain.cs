using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sessions.Grains;

/// <summary>
/// The index of one user's sessions, by handle, each with the grain key of its latest rotation. Non-reentrant, so racing
/// logins are counted one after the other and the limit holds. Its consistency does not depend on message order: a
/// move notice replaces an entry's key only with a higher rotation count, and a list follows each entry's key to its
/// session (which judges its own expiry, also when its grain was deactivated or its row purged) and keeps what it found.
/// </summary>
/// <remarks>
/// An entry leaves only when its session ended or a list found it over, so the entries hold every live session and a
/// login under the limit counts them without asking the sessions. Only a login that finds more entries than the limit
/// asks them (an entry whose session ended unseen would otherwise push a live one out), then ends the oldest beyond it.
/// </remarks>
public sealed class UserSessionsGrain(
    [PersistentState("user-sessions", SessionStorage.DirectoryProviderName)] IPersistentState<UserSessionsState> index,
    IOptions<AuthOptions> options,
    ILogger<UserSessionsGrain> logger) : Grain, IUserSessionsGrain
{
    private readonly int _maxSessions = options.Value.MaxSessionsPerUser;

    /// <summary>The entries in memory differ from the stored ones (changed, or a save failed): the next list stores them.</summary>
    private bool _unsaved;

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
        Entries.RemoveAll(e => e.Handle == info.Handle);
        Entries.Add(new UserSessionEntry(info.Handle, newKey, info.CreatedAt, info.Rotations));
        await EvictBeyondLimitAsync(info.Handle, cancellationToken);
        await SaveAsync(cancellationToken);
        return info;
    }

    public async ValueTask<IReadOnlyList<SessionInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var live = await ReconcileAsync(cancellationToken);
        if (_unsaved)
        {
            await SaveAsync(cancellationToken);
        }

        return [.. live.OrderBy(s => s.CreatedAt)];
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

    public ValueTask SessionMovedAsync(string handle, string newKey) => LocateAsync(handle, newKey);

    public async ValueTask SessionRotatedAsync(string handle, string newKey, long rotations)
    {
        var at = Entries.FindIndex(e => e.Handle == handle);
        if (at < 0)
        {
            await LocateAsync(handle, newKey);
        }
        else if (rotations > Entries[at].Rotations)
        {
            Entries[at] = Entries[at] with { GrainKey = newKey, Rotations = rotations };
            await SaveAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Asks the session under <paramref name="key"/> where it lives now and keeps that for <paramref name="handle"/>,
    /// adding the entry if the index lacks it; nothing when the session is over or another user's.
    /// </summary>
    private async ValueTask LocateAsync(string handle, string key)
    {
        var info = await Session(key).DescribeAsync(CancellationToken.None);
        if (info is null || info.UserId != UserId || info.Handle != handle)
        {
            return;
        }

        var located = new UserSessionEntry(handle, info.GrainKey ?? key, info.CreatedAt, info.Rotations);
        var at = Entries.FindIndex(e => e.Handle == handle);
        if (at >= 0 && Entries[at].GrainKey == located.GrainKey)
        {
            return;
        }

        if (at >= 0)
        {
            Entries[at] = located;
        }
        else
        {
            Entries.Add(located);
        }

        await SaveAsync(CancellationToken.None);
    }

    /// <summary>
    /// Ends the oldest sessions (by creation time) beyond the limit, never <paramref name="keepHandle"/>. Only over the
    /// limit are the sessions asked (<see cref="ReconcileAsync"/>): an entry whose session ended unseen must not push a
    /// live one out.
    /// </summary>
    private async Task EvictBeyondLimitAsync(string keepHandle, CancellationToken cancellationToken)
    {
        if (Entries.Count <= _maxSessions)
        {
            return;
        }

        await ReconcileAsync(cancellationToken);
        var excess = Entries.Count - _maxSessions;
        var evicted = Entries.Where(e => e.Handle != keepHandle).OrderBy(e => e.CreatedAt).Take(Math.Max(0, excess)).ToList();
        foreach (var entry in evicted)
        {
            await Session(entry.GrainKey).EndAsync(SessionEndReason.Evicted, cancellationToken);
            Entries.Remove(entry);
            logger.SessionEvicted(UserId, SessionFingerprint.Of(entry.Handle), _maxSessions);
        }
    }

    /// <summary>
    /// Follows every entry's key to its session: drops entries whose session is over (or another user's), takes the
    /// current key of sessions that moved on, and returns the live sessions' descriptions (without their grain keys).
    /// Marks the entries unsaved when anything changed.
    /// </summary>
    private async Task<List<SessionInfo>> ReconcileAsync(CancellationToken cancellationToken)
    {
        var described = await Task.WhenAll(Entries.Select(async entry =>
            (Entry: entry, Info: await Session(entry.GrainKey).DescribeAsync(cancellationToken))));
        var live = new List<SessionInfo>(described.Length);
        foreach (var (entry, info) in described)
        {
            if (info is null || info.UserId != UserId)
            {
                _unsaved |= Entries.Remove(entry);
                continue;
            }

            // Reached by following the entry's own key, so never older than the entry: a different key is a later one.
            if (info.GrainKey is { } key && key != entry.GrainKey)
            {
                Entries[Entries.IndexOf(entry)] = entry with { GrainKey = key, Rotations = info.Rotations };
                _unsaved = true;
            }

            live.Add(info with { GrainKey = null });
        }

        return live;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        _unsaved = true;
        if (Entries.Count == 0)
        {
            await index.ClearStateAsync(cancellationToken);
        }
        else
        {
            await index.WriteStateAsync(cancellationToken);
        }

        _unsaved = false;
    }

    private ISessionGrain Session(string grainKey) => GrainFactory.GetGrain<ISessionGrain>(grainKey);
}
