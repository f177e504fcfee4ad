namespace Sessions.Tests.Consistency;

/// <summary>
/// Checks a recorded history of counter increments, reads and ends of sessions against what a client may see when
/// every change is acknowledged only once it is visible everywhere (write-through), per session:
/// <list type="bullet">
/// <item>no read answers less than an increment acknowledged before the read was invoked (a missing counter is 0), and
/// no acknowledged increment answers a value not above it (<see cref="ViolationKind.StaleRead"/>);</item>
/// <item>no read or increment answers more than the increments invoked before it completed could have made
/// (<see cref="ViolationKind.ImpossibleValue"/>);</item>
/// <item>no read finds the counter, and no increment is acknowledged, when invoked after an end of the session was
/// acknowledged (<see cref="ViolationKind.LiveAfterEnd"/>); no increment finds the session gone before an end was
/// invoked (<see cref="ViolationKind.SessionLost"/>);</item>
/// <item>exactly once: acknowledged increments answer distinct values (<see cref="ViolationKind.DuplicateValue"/>), and
/// the final value lies between the acknowledged increments and those plus the maybe-applied ones
/// (<see cref="ViolationKind.NotExactlyOnce"/>).</item>
/// </list>
/// Operations whose intervals overlap may be ordered either way, so a read concurrent with an increment may see it or
/// not, and two clients may see increments at different times; reads of one client need not be monotonic beyond that.
/// </summary>
public static class HistoryChecker
{
    public static HistoryCheck Check(IReadOnlyCollection<Operation> history)
    {
        var violations = new List<HistoryViolation>();
        int afterWriteElsewhere = 0, overlapping = 0, afterEnd = 0, finals = 0;
        foreach (var group in history.GroupBy(o => o.Session))
        {
            var session = new SessionHistory(group.Key, [.. group]);
            var increments = session.Operations.Where(o => o.Kind == OperationKind.Increment).ToList();
            foreach (var operation in session.Operations)
            {
                if (operation.Kind is OperationKind.End || operation.Outcome == OperationOutcome.Failed)
                {
                    continue;
                }

                afterEnd += operation.InvokedAt > session.EndAcknowledgedAt ? 1 : 0;
                if (operation.Kind == OperationKind.Increment)
                {
                    CheckIncrement(session, operation, violations);
                    continue;
                }

                CheckRead(session, operation, violations);
                afterWriteElsewhere += session.HighestAcknowledgedBefore(operation.InvokedAt) is { } latest && latest.Frontend != operation.Frontend ? 1 : 0;
                overlapping += increments.Any(operation.Overlaps) ? 1 : 0;
            }

            foreach (var twice in session.Acknowledged.GroupBy(o => o.Value).Where(g => g.Count() > 1))
            {
                violations.Add(new(ViolationKind.DuplicateValue, session.Session,
                    $"{twice.Count()} acknowledged increments answered {twice.Key}: {string.Join(", ", twice)}"));
            }

            finals += CheckFinalValue(session, violations) ? 1 : 0;
        }

        bool Is(Operation o, OperationKind kind, OperationOutcome outcome) => o.Kind == kind && o.Outcome == outcome;
        bool IsRead(Operation o) => o.Kind is OperationKind.Read or OperationKind.FinalRead;
        return new HistoryCheck
        {
            Sessions = history.Select(o => o.Session).Distinct().Count(),
            Reads = history.Count(o => IsRead(o) && o.Outcome != OperationOutcome.Failed),
            FailedReads = history.Count(o => IsRead(o) && o.Outcome == OperationOutcome.Failed),
            ReadsAfterAWriteElsewhere = afterWriteElsewhere,
            ReadsOverlappingAnIncrement = overlapping,
            AcknowledgedIncrements = history.Count(o => Is(o, OperationKind.Increment, OperationOutcome.Ok)),
            MaybeIncrements = history.Count(o => Is(o, OperationKind.Increment, OperationOutcome.Failed)),
            AbsentIncrements = history.Count(o => Is(o, OperationKind.Increment, OperationOutcome.Absent)),
            AcknowledgedEnds = history.Count(o => Is(o, OperationKind.End, OperationOutcome.Ok)),
            MaybeEnds = history.Count(o => Is(o, OperationKind.End, OperationOutcome.Failed)),
            OperationsAfterEnd = afterEnd,
            FinalValuesChecked = finals,
            Violations = violations,
        };
    }

    private static void CheckRead(SessionHistory session, Operation read, List<HistoryViolation> violations)
    {
        var latest = session.HighestAcknowledgedBefore(read.InvokedAt);
        if (read.Outcome == OperationOutcome.Absent)
        {
            if (latest is { } acknowledged && session.EndInvokedAt > read.CompletedAt)
            {
                violations.Add(new(ViolationKind.StaleRead, session.Session,
                    $"{read} found no counter, though {acknowledged} completed before it and no end was invoked"));
            }

            return;
        }

        if (latest is { } before && read.Value < before.Value)
        {
            violations.Add(new(ViolationKind.StaleRead, session.Session, $"{read}, though {before} completed before it was invoked"));
        }

        CheckPossible(session, read, violations);
        CheckNotEnded(session, read, violations);
    }

    private static void CheckIncrement(SessionHistory session, Operation increment, List<HistoryViolation> violations)
    {
        if (increment.Outcome == OperationOutcome.Absent)
        {
            if (session.EndInvokedAt > increment.CompletedAt)
            {
                violations.Add(new(ViolationKind.SessionLost, session.Session, $"{increment}: the session was gone, though no end had been invoked"));
            }

            return;
        }

        if (session.HighestAcknowledgedBefore(increment.InvokedAt) is { } before && increment.Value <= before.Value)
        {
            violations.Add(new(ViolationKind.StaleRead, session.Session, $"{increment}, not above {before}, which completed before it was invoked"));
        }

        CheckPossible(session, increment, violations);
        CheckNotEnded(session, increment, violations);
    }

    private static void CheckPossible(SessionHistory session, Operation answered, List<HistoryViolation> violations)
    {
        var possible = session.MayHaveAppliedBy(answered.CompletedAt);
        if (answered.Value > possible)
        {
            violations.Add(new(ViolationKind.ImpossibleValue, session.Session,
                $"{answered}, but only {possible} increments had been invoked when it completed"));
        }
    }

    private static void CheckNotEnded(SessionHistory session, Operation answered, List<HistoryViolation> violations)
    {
        if (answered.InvokedAt > session.EndAcknowledgedAt)
        {
            violations.Add(new(ViolationKind.LiveAfterEnd, session.Session,
                $"{answered}, invoked after the session's end was acknowledged (at {session.EndAcknowledgedAt})"));
        }
    }

    /// <summary>Checks the session's final reads, if it has any; true when it had.</summary>
    private static bool CheckFinalValue(SessionHistory session, List<HistoryViolation> violations)
    {
        var finals = session.Operations.Where(o => o.Kind == OperationKind.FinalRead).ToList();
        if (finals.Count == 0)
        {
            return false;
        }

        var lastCompletion = session.Operations.Where(o => o.Kind != OperationKind.FinalRead).Select(o => o.CompletedAt).DefaultIfEmpty(long.MinValue).Max();
        if (finals.Where(f => f.InvokedAt < lastCompletion).Select(f => f.ToString()).FirstOrDefault() is { } early)
        {
            throw new ArgumentException($"{early} was invoked before the session's other operations had completed: not a final read.", nameof(session));
        }

        var answered = finals.Where(f => f.Outcome != OperationOutcome.Failed).ToList();
        if (answered.Count == 0)
        {
            violations.Add(new(ViolationKind.NotExactlyOnce, session.Session, $"none of its {finals.Count} final reads answered"));
            return true;
        }

        var (acknowledged, maybe) = (session.Acknowledged.Count, session.MaybeApplied);
        foreach (var final in answered)
        {
            var gone = final.Outcome == OperationOutcome.Absent && session.EndInvokedAt != long.MaxValue;
            if (session.Ended || gone)
            {
                continue; // a live answer after an acknowledged end is a LiveAfterEnd already
            }

            var value = final.Outcome == OperationOutcome.Ok ? final.Value : 0;
            if (value < acknowledged || value > acknowledged + maybe)
            {
                violations.Add(new(ViolationKind.NotExactlyOnce, session.Session,
                    $"{final}: expected between the {acknowledged} acknowledged increments and {acknowledged + maybe} with the {maybe} that may have applied"));
            }
        }

        return true;
    }
}
