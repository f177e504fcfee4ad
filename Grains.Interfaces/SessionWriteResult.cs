namespace Sessions.Grains.Interfaces;

/// <summary>Result of a write. <see cref="Value"/> carries the new integer after an increment.</summary>
[GenerateSerializer, Immutable, Alias("sessions.SessionWriteResult")]
public sealed record SessionWriteResult(
    [property: Id(0)] SessionWriteStatus Status,
    [property: Id(1)] long Version,
    [property: Id(2)] long Value = 0)
{
    public bool Succeeded => Status == SessionWriteStatus.Ok;

    public static SessionWriteResult Failed(SessionWriteStatus status) => new(status, 0);
}
