namespace Sessions.Grains.Interfaces;

/// <summary>
/// The deployment's session epoch (one grain, key 0): a generation number that each end-all raises by one. Every
/// session is stamped at creation with the generation its silo knows; a session whose generation is below the
/// current one is over. Silos keep the generation in memory and check it on every session access.
/// </summary>
[Alias("sessions.IDeploymentEpochGrain")]
public interface IDeploymentEpochGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Ends every session of the deployment: stores the next generation, then hands it to every active silo. The
    /// outcome names the silos that did not confirm they hold it; silos that join later read it at start.
    /// </summary>
    [Alias("EndAllGeneration")]
    ValueTask<EndAllOutcome> EndAllAsync(CancellationToken cancellationToken = default);

    /// <summary>The current generation; 0 while no end-all ever ran.</summary>
    [Alias("GetGeneration")]
    ValueTask<long> GetGenerationAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// For callers of the previous release: <see cref="EndAllAsync"/>, answering the wall-clock cut-off it also stores
    /// for silos of that release; throws an <see cref="OrleansException"/> when a silo did not confirm.
    /// </summary>
    [Alias("EndAll")]
    ValueTask<DateTimeOffset> EndAllSessionsAsync(CancellationToken cancellationToken = default);

    /// <summary>For silos of the previous release: the wall-clock time of the last end-all; <see cref="DateTimeOffset.MinValue"/> when none ran.</summary>
    [Alias("Get")]
    ValueTask<DateTimeOffset> GetCutoffAsync(CancellationToken cancellationToken = default);
}
