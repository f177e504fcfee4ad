namespace Sessions.Bench.Report;

/// <summary>
/// One line of the memory table. Per-session figures are (value at this point − value of the empty process) /
/// sessions; <see cref="HeapPerSessionBeyondPayloadBytes"/> subtracts the bytes of the seeded keys and values.
/// </summary>
public sealed record MemoryRow(
    string Label,
    int Sessions,
    long RssBytes,
    long LiveHeapBytes,
    long? GcdumpHeapBytes,
    double? RssPerSessionBytes,
    double? HeapPerSessionBytes,
    double? GcdumpHeapPerSessionBytes,
    double? HeapPerSessionBeyondPayloadBytes);
