using System.Globalization;

namespace Sessions.Tests.Consistency;

/// <summary>
/// What <see cref="HistoryChecker"/> checked and found: the operations by kind and outcome, how many of the reads were
/// the ones a frontend cache could get wrong, and every violation.
/// </summary>
public sealed record HistoryCheck
{
    public int Sessions { get; init; }

    /// <summary>Reads that answered (a value, or the counter absent), final reads included; failed reads tell nothing.</summary>
    public int Reads { get; init; }

    public int FailedReads { get; init; }

    /// <summary>
    /// Reads invoked after an increment acknowledged through the other frontend, the latest acknowledged one before
    /// them: the reads a frontend serving from a stale copy would get wrong.
    /// </summary>
    public int ReadsAfterAWriteElsewhere { get; init; }

    /// <summary>Reads whose interval overlapped an increment of their session (either answer may be legal).</summary>
    public int ReadsOverlappingAnIncrement { get; init; }

    public int AcknowledgedIncrements { get; init; }

    /// <summary>Increments that failed (timeout, 503, 5xx, connection): maybe applied.</summary>
    public int MaybeIncrements { get; init; }

    /// <summary>Increments that found their session gone (after its end).</summary>
    public int AbsentIncrements { get; init; }

    public int AcknowledgedEnds { get; init; }

    public int MaybeEnds { get; init; }

    /// <summary>Reads and increments invoked after their session's end was acknowledged (each must find it gone).</summary>
    public int OperationsAfterEnd { get; init; }

    /// <summary>Sessions whose final value was checked against their increments.</summary>
    public int FinalValuesChecked { get; init; }

    public IReadOnlyList<HistoryViolation> Violations { get; init; } = [];

    /// <summary>The counts in one line, for a test's output and the fault report's note.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{Sessions} sessions: {Reads} reads ({ReadsAfterAWriteElsewhere} after a write through the other frontend, " +
        $"{ReadsOverlappingAnIncrement} overlapping an increment, {FailedReads} failed), {AcknowledgedIncrements} increments acknowledged, " +
        $"{MaybeIncrements} maybe, {AbsentIncrements} on an ended session, {AcknowledgedEnds} ends acknowledged ({MaybeEnds} maybe), " +
        $"{OperationsAfterEnd} operations after an end, {FinalValuesChecked} final values: {Violations.Count} violations");

    /// <summary>The summary and the first <paramref name="max"/> violations, for an assertion's message.</summary>
    public string Describe(int max = 10) => Violations.Count == 0
        ? Summary
        : $"{Summary}; {string.Join("; ", Violations.Take(max))}{(Violations.Count > max ? $"; and {Violations.Count - max} more" : "")}";
}
