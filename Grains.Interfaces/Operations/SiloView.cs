namespace Sessions.Grains.Interfaces;

/// <summary>One silo of the cluster as an operator sees it.</summary>
/// <param name="Address">The silo's <c>host:siloPort</c>.</param>
/// <param name="Status">Its membership status (Active, ShuttingDown, Stopping, Dead, ...).</param>
/// <param name="Sessions">Session activations in its memory now (0 for a silo that is not active).</param>
[GenerateSerializer, Immutable, Alias("sessions.SiloView")]
public sealed record SiloView([property: Id(0)] string Address, [property: Id(1)] string Status, [property: Id(2)] long Sessions);
