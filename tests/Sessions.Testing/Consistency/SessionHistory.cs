namespace Sessions.Tests.Consistency;

/// <summary>
/// The operations of one session in a history, indexed for <see cref="HistoryChecker"/>: which acknowledged increment
/// was the highest completed before an instant, how many increments could have applied by an instant, and when the
/// session's end was first invoked and first acknowledged.
/// </summary>
internal sealed class SessionHistory
{
    private readonly long[] _acknowledgedCompletions;
    private readonly int[] _highestAcknowledgedSoFar;
    private readonly long[] _applicableInvocations;

    public SessionHistory(int session, IReadOnlyList<Operation> operations)
    {
        Session = session;
        Operations = operations;
        Acknowledged = [.. operations.Where(o => o.Kind == OperationKind.Increment && o.Outcome == OperationOutcome.Ok).OrderBy(o => o.CompletedAt)];
        MaybeApplied = operations.Count(o => o.Kind == OperationKind.Increment && o.Outcome == OperationOutcome.Failed);
        _acknowledgedCompletions = [.. Acknowledged.Select(o => o.CompletedAt)];
        _highestAcknowledgedSoFar = new int[Acknowledged.Count];
        for (var i = 0; i < Acknowledged.Count; i++)
        {
            var previous = i == 0 ? -1 : _highestAcknowledgedSoFar[i - 1];
            _highestAcknowledgedSoFar[i] = previous >= 0 && Acknowledged[previous].Value >= Acknowledged[i].Value ? previous : i;
        }

        _applicableInvocations = [.. operations
            .Where(o => o.Kind == OperationKind.Increment && o.Outcome != OperationOutcome.Absent)
            .Select(o => o.InvokedAt)
            .Order()];
        var ends = operations.Where(o => o.Kind == OperationKind.End && o.Outcome != OperationOutcome.Absent).ToList();
        EndInvokedAt = ends.Count == 0 ? long.MaxValue : ends.Min(o => o.InvokedAt);
        EndAcknowledgedAt = ends.Where(o => o.Outcome == OperationOutcome.Ok).Select(o => o.CompletedAt).DefaultIfEmpty(long.MaxValue).Min();
    }

    public int Session { get; }

    public IReadOnlyList<Operation> Operations { get; }

    /// <summary>The acknowledged increments, by completion.</summary>
    public IReadOnlyList<Operation> Acknowledged { get; }

    /// <summary>Increments that failed without an answer: they may or may not have applied.</summary>
    public int MaybeApplied { get; }

    /// <summary>When an end of the session (acknowledged or maybe applied) was first invoked; <see cref="long.MaxValue"/> if never.</summary>
    public long EndInvokedAt { get; }

    /// <summary>When an end of the session was first acknowledged; <see cref="long.MaxValue"/> if never.</summary>
    public long EndAcknowledgedAt { get; }

    public bool Ended => EndAcknowledgedAt != long.MaxValue;

    /// <summary>The acknowledged increment with the highest value among those completed before <paramref name="instant"/>, if any.</summary>
    public Operation? HighestAcknowledgedBefore(long instant)
    {
        var completed = CountBelow(_acknowledgedCompletions, instant);
        return completed == 0 ? null : Acknowledged[_highestAcknowledgedSoFar[completed - 1]];
    }

    /// <summary>How many increments (acknowledged or maybe applied) were invoked by <paramref name="instant"/>: the highest value possible then.</summary>
    public int MayHaveAppliedBy(long instant) => CountBelow(_applicableInvocations, instant + 1);

    /// <summary>How many of the sorted <paramref name="instants"/> lie strictly before <paramref name="instant"/>.</summary>
    private static int CountBelow(long[] instants, long instant)
    {
        var index = Array.BinarySearch(instants, instant);
        if (index < 0)
        {
            return ~index;
        }

        while (index > 0 && instants[index - 1] == instant)
        {
            index--;
        }

        return index;
    }
}
