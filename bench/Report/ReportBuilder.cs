using System.Globalization;

namespace Sessions.Bench.Report;

/// <summary>Turns the recorded runs into table rows and computes the ratios.</summary>
public static class ReportBuilder
{
    public const string MemoryMethod =
        "Memory of the embedded write-through target in a process of its own. RSS: VmRSS from /proc/PID/status. " +
        "Live heap: GC.GetTotalMemory(true) after a forced full blocking compacting GC, read inside the process by " +
        "the bench heap probe (a startup hook); gcdump: the heap size dotnet-gcdump reports (its collect also forces " +
        "a full GC). Per session = (value at N sessions - value of the same process when empty, after /readyz) / N; beyond payload " +
        "subtracts the UTF-8 bytes of the seeded keys and values (cart + n).";

    public static BenchReport Build(RunInputs inputs)
    {
        var kinds = inputs.Targets.ToDictionary(t => t.Name, t => t.Kind, StringComparer.Ordinal);
        var redis = inputs.Targets.FirstOrDefault(t => t.Kind == "redis")?.Name;
        var bare = inputs.Targets.FirstOrDefault(t => t.Kind == "bare")?.Name;
        var bareRun = inputs.Runs.FirstOrDefault(r => r.Target == bare)?.Summary;
        var ceiling = inputs.Targets.FirstOrDefault(t => t.Kind == "ceiling")?.Name;

        var rows = inputs.Runs.Select(run =>
        {
            var kind = kinds.GetValueOrDefault(run.Target, "?");
            if (run.Summary is not { } s)
            {
                return new ResultRow(run.Target, kind, run.Workload, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, run.Failure);
            }

            var reference = kind is "embedded" or "cluster" or "ceiling"
                ? inputs.Runs.FirstOrDefault(r => r.Target == redis && r.Workload == run.Workload)?.Summary
                : null;
            var limit = kind is "embedded" or "cluster"
                ? inputs.Runs.FirstOrDefault(r => r.Target == ceiling && r.Workload == run.Workload)?.Summary
                : null;
            return new ResultRow(
                run.Target, kind, run.Workload, s.RequestsPerSecond,
                Ms(s.Latency.P50), Ms(s.Latency.P90), Ms(s.Latency.P99), Ms(s.Latency.Max),
                s.Errors, s.Status.Other, s.SocketErrors.Total, s.Requests,
                Ratio(s.RequestsPerSecond, reference?.RequestsPerSecond),
                Ratio(s.Latency.P99, reference?.Latency.P99),
                kind == "bare" ? null : Ratio(s.RequestsPerSecond, bareRun?.RequestsPerSecond),
                Ratio(s.RequestsPerSecond, limit?.RequestsPerSecond),
                null);
        }).ToList();

        return new BenchReport(inputs.Metadata, inputs.Targets, rows, MemoryRows(inputs), MemoryMethod);
    }

    private static List<MemoryRow> MemoryRows(RunInputs inputs)
    {
        var payload = inputs.Metadata.TryGetValue("payload_bytes_per_session", out var text)
            ? double.Parse(text, CultureInfo.InvariantCulture)
            : 0;
        var rows = new List<MemoryRow>();
        MemoryPoint? empty = null;   // the latest empty-process reading: each measured process starts with one
        foreach (var p in inputs.Memory)
        {
            if (p.Sessions == 0)
            {
                empty = p;
            }

            double? PerSession(long? value, long? baseline) =>
                p.Sessions > 0 && value is { } v && baseline is { } b ? (v - b) / (double)p.Sessions : null;

            var heap = PerSession(p.LiveHeapBytes, empty?.LiveHeapBytes);
            rows.Add(new MemoryRow(p.Label, p.Sessions, p.RssBytes, p.LiveHeapBytes, p.GcdumpHeapBytes,
                PerSession(p.RssBytes, empty?.RssBytes), heap, PerSession(p.GcdumpHeapBytes, empty?.GcdumpHeapBytes),
                heap - payload));
        }

        return rows;
    }

    private static double Ms(long microseconds) => microseconds / 1000.0;

    private static double? Ratio(double value, double? reference) => reference is > 0 ? value / reference : null;
}
