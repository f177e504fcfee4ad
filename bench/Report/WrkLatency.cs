using System.Text.Json.Serialization;

namespace Sessions.Bench.Report;

/// <summary>Latency percentiles of one wrk run, in microseconds.</summary>
public sealed record WrkLatency(
    [property: JsonPropertyName("p50")] long P50,
    [property: JsonPropertyName("p90")] long P90,
    [property: JsonPropertyName("p99")] long P99,
    [property: JsonPropertyName("max")] long Max,
    [property: JsonPropertyName("mean")] double Mean,
    [property: JsonPropertyName("stdev")] double Stdev);
