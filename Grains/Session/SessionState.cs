using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Sessions.Grains;

/// <summary>What storage keeps of one session.</summary>
[GenerateSerializer, Alias("sessions.SessionState")]
public sealed class SessionState
{
    [Id(0)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last access as last persisted; the grain keeps the exact value in memory.</summary>
    [Id(1)] public DateTimeOffset LastAccessedAt { get; set; }

    [Id(2)] public TimeSpan IdleTimeout { get; set; }

    [Id(3)] public DateTimeOffset AbsoluteExpiresAt { get; set; }

    [Id(4)] public string? UserId { get; set; }

    [Id(5)] public ImmutableDictionary<string, byte[]> Items { get; set; } = ImmutableDictionary<string, byte[]>.Empty;

    [Id(6)] public long Version { get; set; }

    /// <summary>The public identity carried over by rotations; null while the session never rotated (derived from the grain key).</summary>
    [Id(7)] public string? Handle { get; set; }

    /// <summary>The signed-in user's roles and sign-in details; null for an anonymous session.</summary>
    [Id(8)] public SessionLoginState? Login { get; set; }

    /// <summary>Set on the state left under an ID renewed away from: where the session went, and until when that ID may still be used.</summary>
    [Id(9)] public SessionForward? Forward { get; set; }

    /// <summary>Pages the visit viewed (<see cref="ISessionGrain.RecordVisitAsync"/>).</summary>
    [Id(10)] public int PageViews { get; set; }

    /// <summary>Forms the visit posted to pages.</summary>
    [Id(11)] public int Interactions { get; set; }

    /// <summary>The last <see cref="MaxRecentPages"/> pages viewed, oldest first; replaced, never changed in place.</summary>
    [Id(12)] public ImmutableArray<SessionPageVisit> RecentPages { get; set; } = [];

    public const int MaxRecentPages = 20;

    /// <summary>
    /// The last <see cref="MaxRecentOperations"/> increments by operation id, stored with the state they produced, so a
    /// retry (after its silo died mid-call) answers the first result instead of counting twice.
    /// </summary>
    [Id(13)] public ImmutableArray<SessionOperationRecord> RecentOperations { get; set; } = [];

    /// <summary>A retry follows its failure within the IO timeout: a few increments in flight per session are all it must cover.</summary>
    public const int MaxRecentOperations = 8;

    /// <summary>
    /// How often the session moved to a new ID (renewals and logins): of two notices of its moves, the user index keeps
    /// the key of the higher count, whatever order they arrive in.
    /// </summary>
    [Id(14)] public long Rotations { get; set; }

    /// <summary>
    /// The end-all generation its silo knew when the session was created (<see cref="SessionEpoch"/>); rotations keep
    /// it. Once the deployment's generation is above it, the session is over. Sessions stored before generations
    /// existed read 0, so the first end-all after the upgrade ends them too.
    /// </summary>
    [Id(15)] public long Generation { get; set; }

    /// <summary>
    /// A new session at <paramref name="now"/> in end-all <paramref name="generation"/>; its idle timeout is the one its
    /// app asked for (<paramref name="idleTimeout"/>, kept within the silo's bounds) or the silo's default, fixed for the
    /// session's life and stored with it.
    /// </summary>
    public static SessionState Create(DateTimeOffset now, SessionExpiryOptions expiry, long generation, TimeSpan? idleTimeout = null) => new()
    {
        CreatedAt = now,
        Generation = generation,
        LastAccessedAt = now,
        IdleTimeout = expiry.IdleTimeoutFor(idleTimeout),
        AbsoluteExpiresAt = now + expiry.AbsoluteLifetime,
    };

    /// <summary>A copy to change; items are immutable, so they are shared.</summary>
    public SessionState Clone() => (SessionState)MemberwiseClone();

    /// <summary>Counts <paramref name="visit"/> at <paramref name="at"/>, in place (the grain stores it with its next write).</summary>
    public void Record(SessionVisit visit, DateTimeOffset at)
    {
        if (!visit.IsPageView)
        {
            Interactions++;
            return;
        }

        PageViews++;
        RecentPages = Appended(RecentPages, new SessionPageVisit(visit.Path, at), MaxRecentPages);
    }

    /// <summary>The value an earlier increment with <paramref name="operationId"/> answered, if it is remembered.</summary>
    public long? ValueOf(Guid operationId)
    {
        foreach (var operation in RecentOperations.IsDefault ? [] : RecentOperations)
        {
            if (operation.OperationId == operationId)
            {
                return operation.Value;
            }
        }

        return null;
    }

    /// <summary>Remembers the increment <paramref name="operationId"/> and its <paramref name="value"/>, forgetting the oldest beyond the bound.</summary>
    public void Remember(Guid operationId, long value)
    {
        RecentOperations = Appended(RecentOperations, new SessionOperationRecord(operationId, value), MaxRecentOperations);
    }

    /// <summary>
    /// <paramref name="recent"/> with <paramref name="item"/> appended and its oldest dropped beyond <paramref name="max"/>:
    /// one new array per call (dropping, then adding, made two on every write once the list was full).
    /// </summary>
    private static ImmutableArray<T> Appended<T>(ImmutableArray<T> recent, T item, int max)
    {
        var kept = recent.IsDefault ? [] : recent.AsSpan();
        if (kept.Length >= max)
        {
            kept = kept[(kept.Length - max + 1)..];
        }

        var appended = new T[kept.Length + 1];
        kept.CopyTo(appended);
        appended[^1] = item;
        return ImmutableCollectionsMarshal.AsImmutableArray(appended);
    }

    public DateTimeOffset ExpiresAt(DateTimeOffset lastAccessedAt)
    {
        var idleEnd = lastAccessedAt + IdleTimeout;
        return idleEnd < AbsoluteExpiresAt ? idleEnd : AbsoluteExpiresAt;
    }
}
