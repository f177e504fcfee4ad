namespace Sessions.Grains;

/// <summary>Reads its silo's session count; placed on that silo by the caller's placement hint.</summary>
public sealed class SiloSessionCountGrain(SessionAdmission admission) : Grain, ISiloSessionCountGrain
{
    public ValueTask<long> CountAsync() => ValueTask.FromResult(admission.Sessions);
}
