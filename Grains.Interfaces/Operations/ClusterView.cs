namespace Sessions.Grains.Interfaces;

/// <summary><c>GET /api/admin/cluster</c>: the silos of the cluster, active ones first, each with its session activations.</summary>
[GenerateSerializer, Immutable, Alias("sessions.ClusterView")]
public sealed record ClusterView([property: Id(0)] IReadOnlyList<SiloView> Silos);
