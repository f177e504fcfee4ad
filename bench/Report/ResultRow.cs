namespace Sessions.Bench.Report;

/// <summary>
/// One line of the throughput table. Latencies in milliseconds. <see cref="VsRedis"/> is req/s divided by the Redis
/// session's req/s of the same workload, <see cref="P99VsRedis"/> the same for p99 latency, <see cref="VsBare"/> req/s
/// divided by the bare endpoint's req/s, <see cref="VsCeiling"/> req/s divided by the ceiling target's req/s of the same
/// workload (what a local read can cost at best); null where there is nothing to compare with.
/// </summary>
public sealed record ResultRow(
    string Target,
    string Kind,
    string Workload,
    double? RequestsPerSecond,
    double? P50Ms,
    double? P90Ms,
    double? P99Ms,
    double? MaxMs,
    long? Errors,
    long? Non2xx,
    long? SocketErrors,
    long? Requests,
    double? VsRedis,
    double? P99VsRedis,
    double? VsBare,
    double? VsCeiling,
    string? Failure);
