namespace Sessions.Tests.Consistency;

/// <summary>What an <see cref="Operation"/> of a recorded history did to one session.</summary>
public enum OperationKind
{
    /// <summary>Incremented the session's counter; acknowledged, it answers the new value.</summary>
    Increment,

    /// <summary>Read the session's counter while the load ran.</summary>
    Read,

    /// <summary>Ended the session (a sign-out or destroy); acknowledged, every later read must find it gone.</summary>
    End,

    /// <summary>
    /// Read the counter after the load stopped and every other operation of the session completed: the value the
    /// exactly-once rule checks.
    /// </summary>
    FinalRead,
}
