using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sessions.Tests.Consistency;

/// <summary>
/// Records the operations of a concurrent workload, from any number of threads: the caller takes <see cref="Now"/>
/// before it sends a request and again when the answer is in, and records the operation with both.
/// One monotonic clock for every operation (<see cref="Stopwatch.GetTimestamp"/>), so "completed before invoked" compares
/// within one process and never across machines.
/// </summary>
public sealed class OperationHistory
{
    private readonly ConcurrentQueue<Operation> _operations = new();

    /// <summary>The clock of the history's timestamps.</summary>
    public static long Now => Stopwatch.GetTimestamp();

    public int Count => _operations.Count;

    public void Record(Operation operation)
    {
        if (operation.CompletedAt < operation.InvokedAt)
        {
            throw new ArgumentException($"{operation} completed before it was invoked.", nameof(operation));
        }

        _operations.Enqueue(operation);
    }

    /// <summary>A copy of what was recorded so far.</summary>
    public IReadOnlyList<Operation> Snapshot() => [.. _operations];

    /// <summary>Checks everything recorded (<see cref="HistoryChecker"/>).</summary>
    public HistoryCheck Check() => HistoryChecker.Check(Snapshot());
}
