namespace Sessions.Tests.Consistency;

/// <summary>How an <see cref="Operation"/> ended, as its client saw it.</summary>
public enum OperationOutcome
{
    /// <summary>
    /// Acknowledged: an increment answered its new value, a read the counter's value, an end its success.
    /// </summary>
    Ok,

    /// <summary>
    /// The session was not there: a read found no counter (a session never incremented, or an ended one), an increment
    /// found the session gone (it was answered for a fresh session instead, so it did not apply to this one).
    /// </summary>
    Absent,

    /// <summary>
    /// No answer that says what happened (a timeout, a 503 or other 5xx, a dropped connection): an increment or end that
    /// failed may or may not have been applied; a read that failed tells nothing.
    /// </summary>
    Failed,
}
