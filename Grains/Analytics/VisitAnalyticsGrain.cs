using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;

namespace Sessions.Grains;

/// <summary>
/// The deployment's visit analytics, persisted in the directory storage. Starts and ends come in batches from the
/// event dispatcher; page views are pulled from every silo's <see cref="SiloPageViews"/> every
/// <see cref="AnalyticsOptions.FlushInterval"/> and before each report. No session calls it.
/// </summary>
public sealed class VisitAnalyticsGrain(
    [PersistentState("analytics", SessionStorage.DirectoryProviderName)] IPersistentState<VisitAnalyticsState> state,
    IOptions<AnalyticsOptions> options,
    TimeProvider time,
    ILogger<VisitAnalyticsGrain> logger) : Grain, IVisitAnalyticsGrain
{
    public const int TopPageCount = 10;

    private const int RememberedSequences = 4096;
    private const int PerMinuteWindow = 60;

    private readonly HashSet<long> _seen = [];
    private bool _unstored;

    private VisitAnalyticsState Totals => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _seen.UnionWith(Totals.RecentSequences);
        var interval = options.Value.FlushInterval;
        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public async ValueTask ApplyAsync(IReadOnlyList<SessionLifecycleEvent> events, CancellationToken cancellationToken = default)
    {
        foreach (var e in events)
        {
            if (_seen.Add(e.Sequence))
            {
                Count(e);
                Totals.RecentSequences.Enqueue(e.Sequence);
            }
        }

        while (Totals.RecentSequences.Count > RememberedSequences)
        {
            _seen.Remove(Totals.RecentSequences.Dequeue());
        }

        ForgetOldMinutes();
        await state.WriteStateAsync(cancellationToken); // the dispatcher deletes the batch only after this
        _unstored = false;
    }

    public async ValueTask<AnalyticsReport> GetReportAsync(CancellationToken cancellationToken = default)
    {
        await PullPageViewsAsync();
        await StoreAsync(cancellationToken);
        var now = Minute(time.GetUtcNow());
        var perMinute = Enumerable.Range(0, PerMinuteWindow)
            .Select(i => now - PerMinuteWindow + 1 + i)
            .Select(m => new MinuteCounts(DateTimeOffset.FromUnixTimeSeconds(m * 60),
                Totals.StartedPerMinute.GetValueOrDefault(m), Totals.EndedPerMinute.GetValueOrDefault(m)))
            .ToList();
        var top = Totals.Pages.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(TopPageCount).Select(p => new PageViews(p.Key, p.Value)).ToList();
        var durations = AnalyticsHistogram.DurationSeconds;
        var pages = AnalyticsHistogram.PagesPerSession;
        return new AnalyticsReport(
            ActiveSessions(),
            Totals.Started,
            Totals.Ended,
            Totals.PageViews,
            top,
            new DurationSummary(Totals.DurationBuckets.Sum(), durations.Percentile(Totals.DurationBuckets, 0.5),
                durations.Percentile(Totals.DurationBuckets, 0.9), durations.Percentile(Totals.DurationBuckets, 0.99)),
            new PagesPerSessionSummary(pages.Percentile(Totals.PageBuckets, 0.5), pages.Percentile(Totals.PageBuckets, 0.9)),
            perMinute);
    }

    public ValueTask<long> GetActiveSessionsAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(ActiveSessions());

    // Sessions started before events existed (an upgrade) may end without a counted start.
    private long ActiveSessions() => Math.Max(0, Totals.Started - Totals.Ended);

    private void Count(SessionLifecycleEvent e)
    {
        var minute = Minute(e.OccurredAt);
        if (e.Kind == SessionEventKind.Started)
        {
            Totals.Started++;
            Totals.StartedPerMinute[minute] = Totals.StartedPerMinute.GetValueOrDefault(minute) + 1;
            return;
        }

        Totals.Ended++;
        Totals.EndedPerMinute[minute] = Totals.EndedPerMinute.GetValueOrDefault(minute) + 1;
        Totals.DurationBuckets[AnalyticsHistogram.DurationSeconds.BucketOf(Math.Max(0, e.Duration.TotalSeconds))]++;
        Totals.PageBuckets[AnalyticsHistogram.PagesPerSession.BucketOf(e.PageViews)]++;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await PullPageViewsAsync();
        try
        {
            await StoreAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.AnalyticsWriteFailed(exception); // kept in memory; the next interval stores it
        }
    }

    private async ValueTask StoreAsync(CancellationToken cancellationToken)
    {
        if (_unstored)
        {
            await state.WriteStateAsync(cancellationToken);
            _unstored = false;
        }
    }

    private async Task PullPageViewsAsync()
    {
        var silos = await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var pulls = await Task.WhenAll(silos.Keys.Select(PullAsync));
        foreach (var views in pulls)
        {
            foreach (var (path, count) in views)
            {
                var key = Totals.Pages.Count < SiloPageViews.MaxPaths || Totals.Pages.ContainsKey(path) ? path : SiloPageViews.OtherPath;
                Totals.Pages[key] = Totals.Pages.GetValueOrDefault(key) + count;
                Totals.PageViews += count;
                _unstored = true;
            }
        }
    }

    private async Task<Dictionary<string, long>> PullAsync(SiloAddress silo)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            return await GrainFactory.GetGrain<ISiloPageViewsGrain>(silo.ToParsableString()).DrainAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.PageViewPullFailed(silo.ToString(), exception);
            return [];
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    private void ForgetOldMinutes()
    {
        var oldest = Minute(time.GetUtcNow()) - PerMinuteWindow;
        foreach (var perMinute in new[] { Totals.StartedPerMinute, Totals.EndedPerMinute })
        {
            foreach (var minute in perMinute.Keys.Where(m => m < oldest).ToList())
            {
                perMinute.Remove(minute);
            }
        }
    }

    private static long Minute(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;
}
