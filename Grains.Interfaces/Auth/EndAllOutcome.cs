using System.Collections.Immutable;

namespace Sessions.Grains.Interfaces;

/// <summary>What an end-all achieved (<see cref="IDeploymentEpochGrain.EndAllAsync"/>).</summary>
/// <param name="Generation">The new generation, stored before any silo was told: sessions stamped below it are over.</param>
/// <param name="UnconfirmedSilos">
/// Active silos (<c>host:siloPort</c>, sorted) that did not confirm they hold <paramref name="Generation"/>. They may
/// still serve ended sessions until they re-read the epoch, and stop serving signed-in ones once it is stale.
/// </param>
[GenerateSerializer, Immutable, Alias("sessions.EndAllOutcome")]
public sealed record EndAllOutcome(
    [property: Id(0)] long Generation,
    [property: Id(1)] ImmutableArray<string> UnconfirmedSilos)
{
    /// <summary>Every active silo holds the new generation.</summary>
    public bool Confirmed => UnconfirmedSilos.IsDefaultOrEmpty;
}
