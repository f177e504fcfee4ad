using System.Text.Json.Serialization;

namespace Sessions.Bench.Report;

/// <summary>The JSON line <c>bench/wrk/common.lua</c> prints from wrk's <c>done()</c> hook (times in microseconds).</summary>
public sealed record WrkSummary(
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("duration_us")] long DurationMicroseconds,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("latency_us")] WrkLatency Latency,
    [property: JsonPropertyName("socket_errors")] WrkSocketErrors SocketErrors,
    [property: JsonPropertyName("status")] WrkStatus Status)
{
    public double RequestsPerSecond => DurationMicroseconds > 0 ? Requests * 1e6 / DurationMicroseconds : 0;

    /// <summary>Every response that was not 2xx plus every socket error (connect, read, write, timeout).</summary>
    public long Errors => Status.Other + SocketErrors.Total;
}
