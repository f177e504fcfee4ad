using System.Diagnostics;

namespace Sessions.Tests.Purge;

/// <summary>The steps the purge tests share: many abandoned sessions, a few kept in use, and purge ticks to await.</summary>
internal static class PurgeScenario
{
    /// <summary><c>PurgeDeleted</c> and <c>PurgeFoundNothing</c> in Grains/Log.cs: one of them ends every purge tick.</summary>
    public const int PurgeDeletedEvent = 1102;
    public const int PurgeFoundNothingEvent = 1103;

    private const int Parallelism = 250;

    /// <summary>Creates sessions <c>{prefix}00000</c>… with one item each, <see cref="Parallelism"/> at a time.</summary>
    public static async Task CreateSessionsAsync(IGrainFactory grains, string prefix, int count, CancellationToken cancellationToken)
    {
        for (var first = 0; first < count; first += Parallelism)
        {
            var batch = Enumerable.Range(first, Math.Min(Parallelism, count - first)).Select(async i =>
            {
                var session = grains.GetGrain<ISessionGrain>($"{prefix}{i:D5}");
                var result = await session.ApplyAsync(SessionChangeSet.SetOne("cart", [1, 2, 3], createIfMissing: true), cancellationToken);
                Assert.True(result.Succeeded, $"creating {prefix}{i:D5}: {result.Status}");
            });
            await Task.WhenAll(batch);
        }
    }

    /// <summary>
    /// Uses two sessions every <paramref name="period"/> until <paramref name="stop"/>: <paramref name="written"/> gets a
    /// write each time, <paramref name="read"/> is only read (its last access reaches storage lazily). Fails as soon
    /// as either is gone. Returns the number of rounds.
    /// </summary>
    /// <summary>The two sessions a purge must spare: one written and one only read while the purge runs.</summary>
    public static async Task<(ISessionGrain Written, ISessionGrain Read)> CreateKeptSessionsAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var written = grains.GetGrain<ISessionGrain>("kept-written");
        var read = grains.GetGrain<ISessionGrain>("kept-read");
        Assert.True((await written.ApplyAsync(SessionChangeSet.SetOne("k", [1], createIfMissing: true), cancellationToken)).Succeeded);
        Assert.True((await read.ApplyAsync(SessionChangeSet.SetOne("k", [1], createIfMissing: true), cancellationToken)).Succeeded);
        return (written, read);
    }

    public static async Task<int> KeepUsingAsync(ISessionGrain written, ISessionGrain read, TimeSpan period, CancellationToken stop)
    {
        var rounds = 0;
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var result = await written.ApplyAsync(
                    SessionChangeSet.SetOne("round", BitConverter.GetBytes(rounds), createIfMissing: false), CancellationToken.None);
                Assert.True(result.Succeeded, $"write in round {rounds}: {result.Status}");
                Assert.NotNull(await read.LoadAsync(CancellationToken.None));
                rounds++;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        return rounds;
    }

    /// <summary>Awaits <paramref name="ticks"/> purge ticks logged at or after the <see cref="Stopwatch"/> timestamp <paramref name="since"/>.</summary>
    public static Task<bool> PurgeTicksAsync(LogRecorder log, long since, int ticks, TimeSpan timeout) =>
        Eventually.TrueAsync(
            () => Task.FromResult(log.Entries.Count(e => e.Timestamp >= since && e.EventId is PurgeDeletedEvent or PurgeFoundNothingEvent) >= ticks),
            timeout);

    /// <summary>The rows the purge reported deleting, summed over its log entries.</summary>
    public static long LoggedDeletedRows(LogRecorder log) =>
        log.Values(PurgeDeletedEvent).Sum(v => Convert.ToInt64(v["Rows"], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>What the Sessions code logged (for failure messages), each line with its time since the first entry.</summary>
    public static string Describe(LogRecorder log)
    {
        var entries = log.Entries.Where(e => e.Category.StartsWith("Sessions", StringComparison.Ordinal) && e.EventId != 1001).ToList();
        var first = entries.Count > 0 ? entries[0].Timestamp : 0;
        return string.Join('\n', entries.Select(e =>
            $"+{Stopwatch.GetElapsedTime(first, e.Timestamp).TotalSeconds:F2}s {e.Level} {e.EventId} {e.Message}"));
    }

    public static long TimestampAfter(long timestamp, TimeSpan delay) =>
        timestamp + (long)(delay.TotalSeconds * Stopwatch.Frequency);

    /// <summary>The time left until the <see cref="Stopwatch"/> timestamp <paramref name="deadline"/> (at least 1 ms).</summary>
    public static TimeSpan Until(long deadline)
    {
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
        return left > TimeSpan.FromMilliseconds(1) ? left : TimeSpan.FromMilliseconds(1);
    }
}
