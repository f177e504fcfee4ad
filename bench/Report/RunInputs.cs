using System.Globalization;
using System.Text.Json;

namespace Sessions.Bench.Report;

/// <summary>
/// What <c>bench/run.sh</c> recorded in its run folder, as tab-separated lines: <c>meta.tsv</c> (key, value),
/// <c>targets.tsv</c> (name, kind, description, sessions seeded, seconds, 1 when the seeding budget ran out), <c>workloads.tsv</c> (target, workload, the wrk JSON line or
/// <c>FAILED: reason</c>) and <c>memory.tsv</c> (label, sessions, RSS, live heap, gcdump heap or <c>-</c>).
/// </summary>
public sealed record RunInputs(
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<TargetInfo> Targets,
    IReadOnlyList<WorkloadRun> Runs,
    IReadOnlyList<MemoryPoint> Memory)
{
    private const string FailedPrefix = "FAILED:";

    public static RunInputs Read(string folder)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var fields in Lines(folder, "meta.tsv", 2))
        {
            metadata[fields[0]] = fields[1];
        }

        var targets = Lines(folder, "targets.tsv", 6).Select(f => new TargetInfo(f[0], f[1], f[2],
            int.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture), f[5] == "1")).ToList();
        var runs = Lines(folder, "workloads.tsv", 3).Select(ParseRun).ToList();
        var memory = Lines(folder, "memory.tsv", 5).Select(f => new MemoryPoint(
            f[0], int.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[2], CultureInfo.InvariantCulture),
            long.Parse(f[3], CultureInfo.InvariantCulture),
            f[4] == "-" ? null : long.Parse(f[4], CultureInfo.InvariantCulture))).ToList();
        return new RunInputs(metadata, targets, runs, memory);
    }

    private static WorkloadRun ParseRun(string[] fields)
    {
        if (fields[2].StartsWith(FailedPrefix, StringComparison.Ordinal))
        {
            return new WorkloadRun(fields[0], fields[1], null, fields[2][FailedPrefix.Length..].Trim());
        }

        var summary = JsonSerializer.Deserialize<WrkSummary>(fields[2])
            ?? throw new FormatException($"{fields[0]} {fields[1]}: empty wrk result");
        return new WorkloadRun(fields[0], fields[1], summary, null);
    }

    private static IEnumerable<string[]> Lines(string folder, string file, int fieldCount)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            yield break;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t', fieldCount);
            if (fields.Length != fieldCount)
            {
                throw new FormatException($"{file}: expected {fieldCount} tab-separated fields in '{line}'");
            }

            yield return fields;
        }
    }
}
