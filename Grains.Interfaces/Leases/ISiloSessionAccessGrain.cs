using System.Collections.Immutable;

namespace Sessions.Grains.Interfaces;

/// <summary>
/// One per silo (keyed by the silo's parsable address and placed there by the caller's placement hint): receives a
/// frontend's batched report of the accesses it served from leases granted by sessions of that silo.
/// </summary>
[Alias("sessions.ISiloSessionAccessGrain")]
public interface ISiloSessionAccessGrain : IGrainWithStringKey
{
    /// <summary>Hands each access to its session (in the silo, one-way); a session not here any more gets it wherever it is.</summary>
    [Alias("Report"), OneWay]
    Task ReportAsync(ImmutableArray<SessionAccess> accesses);
}
