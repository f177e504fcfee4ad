namespace Sessions.Tests.Consistency;

/// <summary>
/// One operation of a recorded history: which session, what, through which frontend, when it was invoked and when its
/// answer came (timestamps of one monotonic clock, <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> of the test
/// process), how it ended and the value it answered (the counter, for an acknowledged increment or read).
/// </summary>
public readonly record struct Operation(
    int Session, OperationKind Kind, int Frontend, long InvokedAt, long CompletedAt, OperationOutcome Outcome, long Value = 0)
{
    /// <summary>True when this operation's interval overlaps <paramref name="other"/>'s: neither completed before the other was invoked.</summary>
    public bool Overlaps(Operation other) => InvokedAt < other.CompletedAt && other.InvokedAt < CompletedAt;

    public override string ToString() =>
        $"{Kind} of session {Session} through frontend {Frontend} [{InvokedAt}..{CompletedAt}] {Outcome}{(Outcome == OperationOutcome.Ok && Kind != OperationKind.End ? $" {Value}" : "")}";
}
