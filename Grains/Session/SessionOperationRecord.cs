namespace Sessions.Grains;

/// <summary>An increment the session applied, by its operation id, with the value it answered (for a retry of it).</summary>
/// <remarks>A struct: a session keeps a few of them inline in one array, not one object each.</remarks>
[GenerateSerializer, Immutable, Alias("sessions.SessionOperationRecord")]
public readonly record struct SessionOperationRecord([property: Id(0)] Guid OperationId, [property: Id(1)] long Value);
