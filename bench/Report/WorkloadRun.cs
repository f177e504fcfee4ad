namespace Sessions.Bench.Report;

/// <summary>One wrk run of one workload against one target; <see cref="Summary"/> is null when the run failed.</summary>
public sealed record WorkloadRun(string Target, string Workload, WrkSummary? Summary, string? Failure);
