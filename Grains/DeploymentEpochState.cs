namespace Sessions.Grains;

[GenerateSerializer, Alias("sessions.DeploymentEpochState")]
public sealed class DeploymentEpochState
{
    /// <summary>Sessions created before this are over.</summary>
    [Id(0)] public DateTimeOffset Cutoff { get; set; } = DateTimeOffset.MinValue;
}
