using System.Globalization;
using System.Text;

namespace Sessions.Bench.Report;

/// <summary>Renders the report as the Markdown that run.sh prints and saves beside the JSON.</summary>
public static class MarkdownReport
{
    public static string Render(BenchReport report)
    {
        var run = report.Run;
        string Get(string key) => run.TryGetValue(key, out var value) ? value : "?";
        var md = new StringBuilder();
        md.AppendLine(Invariant($"## Sessions benchmark {Get("started_utc")} ({Get("mode")})"));
        md.AppendLine();
        md.AppendLine(Invariant($"- command: `{Get("command_line")}` (commit {Get("git_commit")})"));
        md.AppendLine(Invariant($"- machine: {Get("nproc")} cores ({Get("cpu_model")}), {Get("memory_total")}, kernel {Get("kernel")}, dotnet {Get("dotnet_version")}, {Get("redis_version")}, {Get("wrk_version")}"));
        md.AppendLine(Invariant($"- load: wrk -t{Get("wrk_threads")} -c{Get("connections")}, {Get("duration_s")} s per workload after a {Get("warmup_s")} s warm-up, {Get("sessions")} seeded sessions per target ({Get("cart_bytes")}-byte JSON cart + n = 0), one target at a time{Rounds(Get("rounds"))}"));
        md.AppendLine();
        md.AppendLine("| target | workload | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | ×Redis | p99 ×Redis | ×bare | ×ceiling |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in report.Results)
        {
            if (r.Failure is not null)
            {
                md.AppendLine(Invariant($"| {r.Target} | {r.Workload} | failed: {r.Failure} | | | | | | | | | |"));
                continue;
            }

            md.AppendLine(Invariant(
                $"| {r.Target} | {r.Workload} | {r.RequestsPerSecond:N0} | {r.P50Ms:F2} | {r.P90Ms:F2} | {r.P99Ms:F2} | {r.MaxMs:F1} | {Errors(r)} | {X(r.VsRedis)} | {X(r.P99VsRedis)} | {X(r.VsBare)} | {X(r.VsCeiling)} |"));
        }

        md.AppendLine();
        md.AppendLine("×Redis = req/s ÷ the Redis session's req/s of the same workload; p99 ×Redis = p99 ÷ the Redis session's p99 " +
            "(lower is better); ×bare = req/s ÷ the bare endpoint's req/s; ×ceiling = req/s ÷ the ceiling target's req/s of the " +
            "same workload (bench/CeilingApp: the frontend's pipeline over a dictionary, no Orleans). Errors = non-2xx responses + socket errors " +
            "(connect, read, write, timeout). Compare ratios within one run; absolute figures depend on the machine and its load.");
        md.AppendLine();
        md.AppendLine("Targets:");
        foreach (var t in report.Targets)
        {
            var seeding = t.Kind == "bare"
                ? "no sessions"
                : Invariant($"{t.Seeded:N0} sessions seeded in {t.SeedSeconds:F1} s ({t.Seeded / Math.Max(t.SeedSeconds, 0.1):N0}/s)")
                  + (t.SeedPartial ? Invariant($", FEWER THAN ASKED: the seeding budget ran out") : "");
            md.AppendLine(Invariant($"- `{t.Name}` ({t.Kind}): {t.Description}; {seeding}"));
        }

        if (report.Memory.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("### Memory (embedded write-through)");
            md.AppendLine();
            md.AppendLine("| point | sessions | RSS MiB | heap MiB | gcdump MiB | RSS/session KiB | heap/session KiB | gcdump/session KiB | heap/session beyond payload KiB |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var m in report.Memory)
            {
                md.AppendLine(Invariant(
                    $"| {m.Label} | {m.Sessions:N0} | {Mib(m.RssBytes)} | {Mib(m.LiveHeapBytes)} | {Mib(m.GcdumpHeapBytes)} | {Kib(m.RssPerSessionBytes)} | {Kib(m.HeapPerSessionBytes)} | {Kib(m.GcdumpHeapPerSessionBytes)} | {Kib(m.HeapPerSessionBeyondPayloadBytes)} |"));
            }

            md.AppendLine();
            md.AppendLine(Invariant($"Payload per session: {Get("payload_bytes_per_session")} bytes. {report.MemoryMethod}"));
        }

        return md.ToString();
    }

    private static string Errors(ResultRow r) =>
        r.Errors == 0 ? "0" : Invariant($"{r.Errors:N0} ({r.Non2xx:N0} non-2xx, {r.SocketErrors:N0} socket)");

    private static string X(double? ratio) => ratio is { } value ? Invariant($"{value:F2}") : "";

    private static string Mib(long? bytes) => bytes is { } value ? Invariant($"{value / 1048576.0:F1}") : "–";

    private static string Kib(double? bytes) => bytes is { } value ? Invariant($"{value / 1024.0:F2}") : "–";

    /// <summary>How the one-process targets were measured with <c>--rounds</c> above 1.</summary>
    private static string Rounds(string rounds) => int.TryParse(rounds, out var n) && n > 1
        ? Invariant($"; bare, ceiling, Redis and embedded targets in {n} rounds (a slice of the time each), taken in turn with the others paused (SIGSTOP): req/s over all rounds, latency percentiles the largest round's; cluster targets after them")
        : "";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
