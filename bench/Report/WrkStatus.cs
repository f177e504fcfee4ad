using System.Text.Json.Serialization;

namespace Sessions.Bench.Report;

/// <summary>Responses by status class, counted by the Lua response() hook; wrk's own count is of status 400 and above.</summary>
public sealed record WrkStatus(
    [property: JsonPropertyName("2xx")] long Success,
    [property: JsonPropertyName("other")] long Other,
    [property: JsonPropertyName("wrk_status_errors")] long WrkStatusErrors);
