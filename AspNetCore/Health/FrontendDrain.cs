using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>
/// Holds the stop of the host for <c>Frontend:DrainDelay</c> after SIGTERM, before Kestrel stops listening: `/readyz`
/// already answers 503, so a load balancer stops sending requests while those in flight and the last few finish.
/// </summary>
internal sealed class FrontendDrain(IOptions<FrontendOptions> options, TimeProvider time, ILogger<FrontendDrain> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var delay = options.Value.DrainDelay;
        if (delay > TimeSpan.Zero)
        {
            logger.Draining(delay);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
