namespace Sessions.Bench.Report;

/// <summary>The results file (<c>bench/results/&lt;timestamp&gt;.json</c>): run metadata, targets and both tables.</summary>
public sealed record BenchReport(
    IReadOnlyDictionary<string, string> Run,
    IReadOnlyList<TargetInfo> Targets,
    IReadOnlyList<ResultRow> Results,
    IReadOnlyList<MemoryRow> Memory,
    string MemoryMethod);
