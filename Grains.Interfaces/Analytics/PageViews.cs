namespace Sessions.Grains.Interfaces;

/// <summary>How often one page was viewed.</summary>
[GenerateSerializer, Immutable, Alias("sessions.PageViews")]
public sealed record PageViews([property: Id(0)] string Path, [property: Id(1)] long Views);
