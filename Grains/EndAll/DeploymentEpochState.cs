namespace Sessions.Grains;

[GenerateSerializer, Alias("sessions.DeploymentEpochState")]
public sealed class DeploymentEpochState
{
    /// <summary>When the last end-all ran, for silos of the previous release, which compare it with session creation times.</summary>
    [Id(0)] public DateTimeOffset Cutoff { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Raised by one at each end-all; sessions stamped below it are over.</summary>
    [Id(1)] public long Generation { get; set; }
}
