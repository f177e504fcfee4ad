using System.Diagnostics.Metrics;
using Sessions.WebFrontend.Hosting;
using Sessions.Grains;

namespace Sessions.WebFrontend.Analytics;

/// <summary>
/// <c>sessions.active</c> (Prometheus <c>sessions_active</c>): live sessions of the deployment as the analytics grain
/// last counted them, read every <see cref="RefreshInterval"/> in the background (a gauge callback must not call out).
/// </summary>
internal sealed class ActiveSessionsGauge : BackgroundService
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    private readonly IGrainFactory _grains;
    private readonly ClusterConnection _connection;
    private readonly ILogger<ActiveSessionsGauge> _logger;
    private long _active;

    public ActiveSessionsGauge(IMeterFactory meters, IGrainFactory grains, ClusterConnection connection, ILogger<ActiveSessionsGauge> logger)
    {
        (_grains, _connection, _logger) = (grains, connection, logger);
        meters.Create(SessionMetrics.MeterName).CreateObservableGauge(
            "sessions.active", () => Volatile.Read(ref _active), "{session}", "Live sessions: started and not ended, in memory or not.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval);
        do
        {
            if (_connection.IsConnected)
            {
                try
                {
                    Volatile.Write(ref _active, await _grains.GetGrain<IVisitAnalyticsGrain>(0).GetActiveSessionsAsync(stoppingToken));
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    _logger.ActiveSessionsNotRead(exception); // the gauge keeps its last value
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
