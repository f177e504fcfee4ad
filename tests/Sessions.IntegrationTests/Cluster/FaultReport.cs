using System.Globalization;
using Sessions.Tests.Consistency;

namespace Sessions.Tests.Cluster;

/// <summary>
/// The figures of the fault scenarios for <c>scripts/fault-suite.sh</c>: with <c>SESSIONS_FAULT_REPORT</c> set, each
/// scenario appends one tab-separated line to that file. With <c>SESSIONS_FAULT_WRITE_MODE=WriteBehind</c> (the script's
/// <c>--write-behind</c>) the cluster runs write-behind and the scenarios measure what it loses instead of asserting that
/// nothing is lost; everywhere else (CI) they run write-through and assert. With <c>SESSIONS_FAULT_LOAD_MINUTES</c> (the
/// script's <c>--history-minutes</c>) the load of each scenario runs that much longer after the fault, so its history
/// check covers more operations (the long form; CI runs the short one).
/// </summary>
internal static class FaultReport
{
    public const string ReportVariable = "SESSIONS_FAULT_REPORT";
    public const string WriteModeVariable = "SESSIONS_FAULT_WRITE_MODE";
    public const string LoadMinutesVariable = "SESSIONS_FAULT_LOAD_MINUTES";

    /// <summary>The header of the report file's columns.</summary>
    public const string Columns = "scenario\twrite mode\trequests\tacknowledged increments\terrors\terror rate\tlost increments\tstale reads\treads checked\tafter a write elsewhere\tincrements acked/maybe\tends checked\tviolations\trecovery s\tnote";

    public static bool MeasuresWriteBehind { get; } =
        string.Equals(Environment.GetEnvironmentVariable(WriteModeVariable), "WriteBehind", StringComparison.OrdinalIgnoreCase);

    public static string WriteMode => MeasuresWriteBehind ? "WriteBehind" : "WriteThrough";

    /// <summary>How much longer each scenario's load runs after the fault: 0 unless the long form asks for minutes.</summary>
    public static TimeSpan ExtraLoad { get; } =
        double.TryParse(Environment.GetEnvironmentVariable(LoadMinutesVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) && minutes > 0
            ? TimeSpan.FromMinutes(minutes)
            : TimeSpan.Zero;

    /// <summary>
    /// Records a scenario run under <paramref name="load"/>; recovery is the time from the fault (<paramref name="faultAt"/>,
    /// on the load's clock) to the last error, 0 when none came after it.
    /// </summary>
    public static void Record(string scenario, IncrementLoad load, LoadCheck check, TimeSpan faultAt, string note) =>
        Record(scenario, load.LastErrorAt is { } last && last > faultAt ? last - faultAt : TimeSpan.Zero, note, load, check);

    /// <summary>
    /// Records a scenario that measures its recovery itself (the partition test: until every session read back), with the
    /// counts of <paramref name="load"/> if it ran one.
    /// </summary>
    public static void Record(string scenario, TimeSpan recovery, string note, IncrementLoad? load = null, LoadCheck? check = null) =>
        Append(scenario, load?.Requests ?? -1, load?.Acknowledged ?? -1, load?.Errors ?? -1, check?.LostIncrements ?? -1, load?.StaleReads ?? -1,
            check?.History, recovery,
            (load is null || load.Errors == 0 ? note : $"{note}; errors: {load.DescribeErrors()}") +
            (check is null || check.History.Violations.Count == 0 ? "" : $"; history: {check.History.Describe(3)}"));

    private static void Append(
        string scenario, long requests, long acknowledged, long errors, long lost, long stale, HistoryCheck? history, TimeSpan recovery, string note)
    {
        if (Environment.GetEnvironmentVariable(ReportVariable) is not { Length: > 0 } path)
        {
            return;
        }

        var rate = requests <= 0 ? "–" : ((double)errors / requests).ToString("P3", CultureInfo.InvariantCulture);
        var line = string.Join('\t', scenario, WriteMode, Number(requests), Number(acknowledged), Number(errors),
            rate, Number(lost), Number(stale), Number(history?.Reads ?? -1), Number(history?.ReadsAfterAWriteElsewhere ?? -1),
            history is null ? "–" : $"{history.AcknowledgedIncrements}/{history.MaybeIncrements}", Number(history?.AcknowledgedEnds ?? -1),
            Number(history?.Violations.Count ?? -1),
            recovery.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture), note.Replace('\t', ' '));
        lock (Columns)
        {
            File.AppendAllText(path, line + "\n");
        }
    }

    private static string Number(long value) => value < 0 ? "–" : value.ToString(CultureInfo.InvariantCulture);
}
