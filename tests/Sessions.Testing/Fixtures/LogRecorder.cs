using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Sessions.Tests.Fixtures;

/// <summary>A logger provider that keeps every structured log entry, so tests can assert what a host logged.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyCollection<Entry> Entries => _entries;

    /// <summary>The entries with event id <paramref name="eventId"/>, each as its structured values.</summary>
    public IEnumerable<IReadOnlyDictionary<string, object?>> Values(int eventId) =>
        _entries.Where(e => e.EventId == eventId).Select(e => e.Values);

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>
    /// One log entry: when (a <see cref="Stopwatch"/> timestamp), where it came from, its event id, level, message,
    /// structured values and the exception it carried, if any (as text).
    /// </summary>
    public sealed record Entry(
        long Timestamp, string Category, int EventId, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values,
        string? Exception = null);

    /// <summary>The entries of level Error or above, with their exceptions, one per line (for a failure message).</summary>
    public string Errors() => string.Join('\n', _entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message} {e.Exception}"));

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value)
                : new Dictionary<string, object?>();
            owner._entries.Enqueue(new Entry(Stopwatch.GetTimestamp(), category, eventId.Id, logLevel, formatter(state, exception), values, exception?.ToString()));
        }
    }
}
