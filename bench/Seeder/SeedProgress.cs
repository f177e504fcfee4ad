using System.Diagnostics;

namespace Sessions.Bench.Seeder;

/// <summary>
/// The seeding progress on stderr: one line rewritten in place on a terminal, a line every 10 s otherwise.
/// </summary>
public sealed class SeedProgress : IDisposable
{
    private readonly string _label;
    private readonly int _total;
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer _timer;
    private int _done;
    private int _retries;
    private int _finished;

    public SeedProgress(string label, int total)
    {
        _label = label;
        _total = total;
        var period = _interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(10);
        _timer = new Timer(_ => Write(final: false), null, period, period);
    }

    public void Completed() => Interlocked.Increment(ref _done);

    public void Retried(string reason)
    {
        if (Interlocked.Increment(ref _retries) == 1)
        {
            Console.Error.WriteLine($"seeding {_label}: retrying after {reason}");
        }
    }

    /// <summary>Stops the updates and writes the final line (once).</summary>
    public void Finish()
    {
        if (Interlocked.Exchange(ref _finished, 1) == 0)
        {
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
            Write(final: true);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Write(bool final)
    {
        var done = Volatile.Read(ref _done);
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        var line = $"seeding {_label}: {done:N0}/{_total:N0} sessions, {done / seconds:N0}/s, {seconds:N0} s"
            + (_retries > 0 ? $", {_retries} retries" : "");
        lock (_timer)
        {
            if (!final && Volatile.Read(ref _finished) == 1)
            {
                return;
            }

            Console.Error.Write(_interactive ? $"\r\u001b[K{line}{(final ? "\n" : "")}" : line + "\n");
        }
    }
}
