using static Sessions.Tests.Consistency.OperationKind;
using static Sessions.Tests.Consistency.OperationOutcome;

namespace Sessions.Tests.Consistency;

/// <summary>
/// The history checker of the fault scenarios on hand-made histories (timestamps are plain numbers): a valid concurrent
/// history passes, and each kind of violation a cache or a failover could cause is caught.
/// </summary>
public sealed class HistoryCheckerTests
{
    private const int A = 1; // frontend A
    private const int B = 2; // frontend B

    [Fact]
    public void ConcurrentHistory_WhereOverlappingReadsSeeEitherValue_HasNoViolation()
    {
        Operation[] history =
        [
            Op(Increment, A, 0, 10, Ok, 1),
            Op(Read, B, 5, 8, Absent),        // overlaps the first increment: may miss it
            Op(Read, B, 6, 12, Ok, 1),        // overlaps it: may see it
            Op(Read, A, 11, 13, Ok, 1),
            Op(Increment, B, 12, 30, Ok, 2),
            Op(Read, B, 15, 25, Ok, 2),       // sees the second increment before it is acknowledged
            Op(Read, A, 26, 27, Ok, 1),       // another client still sees 1 (not yet acknowledged): not monotonic, legal
            Op(Read, A, 31, 32, Ok, 2),       // after the write through frontend B was acknowledged
            Op(Increment, A, 33, 40, Failed), // a timeout: maybe applied
            Op(Read, B, 41, 42, Ok, 3),
            Op(Read, A, 43, 44, Failed),      // tells nothing
            Op(FinalRead, A, 50, 51, Ok, 3),
            Op(FinalRead, B, 52, 53, Ok, 3),
            Op(Increment, A, 0, 5, Ok, 1, session: 2),
            Op(End, B, 60, 70, Ok, session: 2),
            Op(Read, A, 65, 68, Ok, 1, session: 2),    // overlaps the end: may still find the session
            Op(Read, A, 71, 72, Absent, session: 2),   // after the end was acknowledged: gone
            Op(Increment, B, 69, 75, Absent, session: 2), // found it gone: the end was invoked before
            Op(FinalRead, B, 80, 81, Absent, session: 2),
        ];

        var check = HistoryChecker.Check(history);

        Assert.True(check.Violations.Count == 0, check.Describe());
        Assert.Equal(2, check.Sessions);
        Assert.Equal(12, check.Reads);
        Assert.Equal(1, check.FailedReads);
        Assert.Equal(3, check.AcknowledgedIncrements);
        Assert.Equal(1, check.MaybeIncrements);
        Assert.Equal(1, check.AbsentIncrements);
        Assert.Equal(1, check.AcknowledgedEnds);
        Assert.Equal(2, check.OperationsAfterEnd);       // the read at 71 and the final read
        Assert.Equal(2, check.FinalValuesChecked);
        Assert.Equal(6, check.ReadsOverlappingAnIncrement);
        Assert.Equal(4, check.ReadsAfterAWriteElsewhere); // 15 and 31 and the final reads at 50 and 80
    }

    [Fact]
    public void ARead_BelowAnIncrementAcknowledgedThroughTheOtherFrontendBeforeItBegan_IsStale()
    {
        var check = HistoryChecker.Check(
        [
            Op(Increment, A, 0, 10, Ok, 1),
            Op(Increment, A, 11, 20, Ok, 2),
            Op(Read, B, 21, 22, Ok, 1), // frontend B serves what it had before the acknowledged write
        ]);

        Assert.Equal([ViolationKind.StaleRead], Kinds(check));
    }

    [Fact]
    public void ARead_FindingNoCounterAfterAnAcknowledgedIncrement_IsStale()
    {
        var check = HistoryChecker.Check([Op(Increment, A, 0, 10, Ok, 1), Op(Read, B, 11, 12, Absent)]);

        Assert.Equal([ViolationKind.StaleRead], Kinds(check));
    }

    [Fact]
    public void AnIncrement_AnsweringAValueNotAboveOneAcknowledgedBeforeIt_IsStale()
    {
        var check = HistoryChecker.Check([Op(Increment, A, 0, 10, Ok, 2), Op(Increment, B, 0, 1, Failed), Op(Increment, B, 11, 12, Ok, 1)]);

        Assert.Equal([ViolationKind.StaleRead], Kinds(check));
    }

    [Fact]
    public void AValue_MoreThanTheIncrementsInvokedBeforeTheReadCompleted_IsImpossible()
    {
        var check = HistoryChecker.Check(
        [
            Op(Increment, A, 0, 10, Ok, 1),
            Op(Read, B, 11, 12, Ok, 2),       // no second increment was invoked by 12
            Op(Increment, A, 13, 20, Ok, 2),
        ]);

        Assert.Equal([ViolationKind.ImpossibleValue], Kinds(check));
    }

    [Theory]
    [InlineData(Read)]
    [InlineData(Increment)]
    public void AnOperation_InvokedAfterAnAcknowledgedEnd_ThatFindsTheSessionLive_IsLiveAfterEnd(OperationKind kind)
    {
        var check = HistoryChecker.Check([Op(Increment, A, 0, 10, Ok, 1), Op(End, A, 11, 20, Ok), Op(kind, B, 21, 22, Ok, kind == Read ? 1 : 2)]);

        Assert.Equal([ViolationKind.LiveAfterEnd], Kinds(check));
    }

    [Fact]
    public void AnIncrement_FindingItsSessionGoneWithoutAnEnd_IsASessionLost()
    {
        var check = HistoryChecker.Check([Op(Increment, A, 0, 10, Ok, 1), Op(Increment, B, 11, 12, Absent)]);

        Assert.Equal([ViolationKind.SessionLost], Kinds(check));
    }

    [Fact]
    public void TwoAcknowledgedIncrements_AnsweringTheSameValue_AreADuplicate()
    {
        var check = HistoryChecker.Check([Op(Increment, A, 0, 10, Ok, 1), Op(Increment, B, 5, 12, Ok, 1), Op(FinalRead, A, 20, 21, Ok, 2)]);

        Assert.Equal([ViolationKind.DuplicateValue], Kinds(check));
    }

    [Theory]
    [InlineData(1)] // an acknowledged increment lost
    [InlineData(5)] // counted twice: more than every increment, maybe-applied ones included
    public void AFinalValue_OutsideTheAcknowledgedAndTheMaybeAppliedIncrements_IsNotExactlyOnce(long final)
    {
        var check = HistoryChecker.Check(
        [
            Op(Increment, A, 0, 10, Ok, 1),
            Op(Increment, B, 11, 20, Ok, 2),
            Op(Increment, A, 21, 30, Failed),
            Op(Increment, A, 31, 32, Failed),
            Op(FinalRead, B, 40, 41, Ok, final),
        ]);

        Assert.Contains(ViolationKind.NotExactlyOnce, Kinds(check));
    }

    [Fact]
    public void ASession_WhoseFinalReadsAllFailed_IsNotExactlyOnce()
    {
        var check = HistoryChecker.Check([Op(Increment, A, 0, 10, Ok, 1), Op(FinalRead, B, 20, 21, Failed)]);

        Assert.Equal([ViolationKind.NotExactlyOnce], Kinds(check));
    }

    [Fact]
    public void AFinalRead_InvokedBeforeTheOtherOperationsCompleted_IsRefused() =>
        Assert.Throws<ArgumentException>(() => HistoryChecker.Check([Op(Increment, A, 0, 10, Failed), Op(FinalRead, B, 5, 21, Ok, 1)]));

    [Fact]
    public void Record_AnOperationCompletedBeforeItWasInvoked_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new OperationHistory().Record(Op(Read, A, 10, 5, Ok, 1)));

    private static Operation Op(OperationKind kind, int frontend, long invoked, long completed, OperationOutcome outcome, long value = 0, int session = 1) =>
        new(session, kind, frontend, invoked, completed, outcome, value);

    private static ViolationKind[] Kinds(HistoryCheck check) => [.. check.Violations.Select(v => v.Kind)];
}
