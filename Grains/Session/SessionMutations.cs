using System.Buffers.Text;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Sessions.Grains;

/// <summary>The changes a session can undergo, checked against the limits. A failed check changes nothing.</summary>
internal static class SessionMutations
{
    /// <remarks>Keys are stored as <paramref name="keys"/> shares them.</remarks>
    public static SessionWriteResult Apply(SessionState session, SessionChangeSet changes, SessionLimitsOptions limits, SessionKeyPool keys)
    {
        var items = changes.Clear ? session.Items.Clear() : session.Items;
        if (!changes.Removed.IsDefaultOrEmpty)
        {
            items = items.RemoveRange(changes.Removed);
        }

        foreach (var (key, value) in changes.Set)
        {
            if (!SessionKeyRules.IsWithinLimits(key, limits.MaxKeyLength))
            {
                return SessionWriteResult.Failed(SessionWriteStatus.InvalidKey);
            }

            if (value.Length > limits.MaxValueBytes)
            {
                return SessionWriteResult.Failed(SessionWriteStatus.ValueTooLarge);
            }
        }

        foreach (var (key, value) in changes.Set)
        {
            items = items.SetItem(keys.Share(key), value);
        }

        return Commit(session, items, limits, value: 0);
    }

    /// <summary>
    /// <see cref="Increment"/> at most once per <paramref name="operationId"/>: a repeat answers the first value and
    /// changes nothing.
    /// </summary>
    public static SessionWriteResult IncrementOnce(
        SessionState session, string key, long by, Guid operationId, SessionLimitsOptions limits, SessionKeyPool keys)
    {
        if (session.ValueOf(operationId) is { } done)
        {
            return new SessionWriteResult(SessionWriteStatus.Ok, session.Version, done);
        }

        var result = Increment(session, key, by, limits, keys);
        if (result.Succeeded)
        {
            session.Remember(operationId, result.Value);
        }

        return result;
    }

    /// <summary>Replaces the items by <paramref name="items"/>: the changes a migration carried unstored.</summary>
    public static SessionWriteResult Overwrite(SessionState session, System.Collections.Immutable.ImmutableDictionary<string, byte[]> items)
    {
        session.Items = items;
        session.Version++;
        return new SessionWriteResult(SessionWriteStatus.Ok, session.Version);
    }

    public static SessionWriteResult Increment(SessionState session, string key, long by, SessionLimitsOptions limits, SessionKeyPool keys)
    {
        if (!SessionKeyRules.IsWithinLimits(key, limits.MaxKeyLength))
        {
            return SessionWriteResult.Failed(SessionWriteStatus.InvalidKey);
        }

        long current = 0;
        if (session.Items.TryGetValue(key, out var stored)
            && !(Utf8Parser.TryParse(stored, out current, out var consumed) && consumed == stored.Length))
        {
            return SessionWriteResult.Failed(SessionWriteStatus.NotAnInteger);
        }

        long next;
        try
        {
            next = checked(current + by);
        }
        catch (OverflowException)
        {
            return SessionWriteResult.Failed(SessionWriteStatus.Overflow);
        }

        var bytes = Encoding.ASCII.GetBytes(next.ToString(CultureInfo.InvariantCulture));
        return Commit(session, session.Items.SetItem(keys.Share(key), bytes), limits, next);
    }

    private static SessionWriteResult Commit(
        SessionState session, ImmutableDictionary<string, byte[]> items,
        SessionLimitsOptions limits, long value)
    {
        if (items.Count > limits.MaxKeys)
        {
            return SessionWriteResult.Failed(SessionWriteStatus.TooManyKeys);
        }

        if (SessionSize.Of(items) > limits.MaxSessionBytes)
        {
            return SessionWriteResult.Failed(SessionWriteStatus.SessionTooLarge);
        }

        session.Items = items;
        session.Version++;
        return new SessionWriteResult(SessionWriteStatus.Ok, session.Version, value);
    }
}
