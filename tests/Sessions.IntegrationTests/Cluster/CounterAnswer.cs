using Sessions.Tests.Consistency;

namespace Sessions.Tests.Cluster;

/// <summary>
/// How one counter request of the load ended: its outcome for the history, the counter it answered, and for a failed
/// one the error (status code and media type, or the exception).
/// </summary>
internal readonly record struct CounterAnswer(OperationOutcome Outcome, long Value, string? Error)
{
    public static CounterAnswer Failed(string error) => new(OperationOutcome.Failed, 0, error);
}
