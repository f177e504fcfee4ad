namespace Sessions.Bench.Report;

/// <summary>
/// One memory reading of the measured process: resident set size (VmRSS) and the live managed heap after a forced
/// full GC, read by the heap probe (<c>GC.GetTotalMemory(true)</c>) and by dotnet-gcdump (null when not taken).
/// </summary>
public sealed record MemoryPoint(string Label, int Sessions, long RssBytes, long LiveHeapBytes, long? GcdumpHeapBytes);
