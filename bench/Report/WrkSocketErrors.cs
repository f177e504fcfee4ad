using System.Text.Json.Serialization;

namespace Sessions.Bench.Report;

/// <summary>wrk's socket errors of one run.</summary>
public sealed record WrkSocketErrors(
    [property: JsonPropertyName("connect")] long Connect,
    [property: JsonPropertyName("read")] long Read,
    [property: JsonPropertyName("write")] long Write,
    [property: JsonPropertyName("timeout")] long Timeout)
{
    public long Total => Connect + Read + Write + Timeout;
}
