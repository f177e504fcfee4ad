using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// The one-way notices that user index grains handled, per user, in the order they were handled, and the means to
/// deliver one again: a late duplicate of a queued message, at a point the test chooses.
/// </summary>
public sealed class UserIndexNotices
{
    private readonly ConcurrentDictionary<string, Channel<UserIndexNotice>> _byUser = new(StringComparer.Ordinal);

    /// <summary>The next notice the index of <paramref name="userId"/> handles (completes once it was handled).</summary>
    public ValueTask<UserIndexNotice> NextAsync(string userId, CancellationToken cancellationToken) =>
        For(userId).Reader.ReadAsync(cancellationToken);

    /// <summary>Sends <paramref name="notice"/> to its index again and waits until the index handled it.</summary>
    public async Task RedeliverAsync(IGrainFactory grains, UserIndexNotice notice, CancellationToken cancellationToken)
    {
        var index = grains.GetGrain<IUserSessionsGrain>(notice.UserId);
        await (ValueTask)notice.Method.Invoke(index, notice.Arguments)!;
        await NextAsync(notice.UserId, cancellationToken);
    }

    internal void Handled(UserIndexNotice notice) => For(notice.UserId).Writer.TryWrite(notice);

    private Channel<UserIndexNotice> For(string userId) => _byUser.GetOrAdd(userId, _ => Channel.CreateUnbounded<UserIndexNotice>());
}
