namespace Sessions.Tests.Consistency;

/// <summary>The rules <see cref="HistoryChecker"/> checks; each violation names the one it breaks.</summary>
public enum ViolationKind
{
    /// <summary>
    /// A read answered less than an increment acknowledged before the read was invoked had returned (a missing counter
    /// counts as 0), or an acknowledged increment answered a value not above it: older than an acknowledged write.
    /// </summary>
    StaleRead,

    /// <summary>
    /// A read or an increment answered more than the increments of the session invoked before it completed
    /// (acknowledged or maybe applied) could have made.
    /// </summary>
    ImpossibleValue,

    /// <summary>A read found the counter, or an increment was acknowledged, though it was invoked after an end of the session was acknowledged.</summary>
    LiveAfterEnd,

    /// <summary>An increment found its session gone although no end of the session had been invoked before it completed.</summary>
    SessionLost,

    /// <summary>Two acknowledged increments of one session answered the same value: one was counted twice or one was lost.</summary>
    DuplicateValue,

    /// <summary>
    /// The session's final value is not between its acknowledged increments and those plus the maybe-applied ones (or
    /// an ended session is not gone, or no final read answered): increments were lost or counted twice.
    /// </summary>
    NotExactlyOnce,
}
