namespace Sessions.Grains.Interfaces;

/// <summary>A frontend's report that it served a read of a session from a lease <paramref name="Ago"/> before it sent the report.</summary>
[GenerateSerializer, Immutable, Alias("sessions.SessionAccess")]
public readonly record struct SessionAccess([property: Id(0)] string GrainKey, [property: Id(1)] TimeSpan Ago);
