namespace Sessions.Grains.Interfaces;

/// <summary>
/// The deployment's session epoch (one grain, key 0): every session created before <see cref="EndAllSessionsAsync"/>
/// last ran is over. Silos keep the cut-off in memory and check it on every session access.
/// </summary>
[Alias("sessions.IDeploymentEpochGrain")]
public interface IDeploymentEpochGrain : IGrainWithIntegerKey
{
    /// <summary>Ends every session of the deployment; returns the new cut-off.</summary>
    [Alias("EndAll")]
    ValueTask<DateTimeOffset> EndAllSessionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Sessions created before this are over; <see cref="DateTimeOffset.MinValue"/> when none was ever ended.</summary>
    [Alias("Get")]
    ValueTask<DateTimeOffset> GetCutoffAsync(CancellationToken cancellationToken = default);
}
