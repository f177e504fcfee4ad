using System.Diagnostics;
using System.Text;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// One of the project's own programs (a built dll) running as a real process: started with arguments, stopped by
/// PID (SIGTERM, then SIGKILL after a time limit), its output kept for failure messages.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaited = [];

    private AppProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Runs <c>dotnet &lt;dll&gt; args</c> with the dll's folder as working directory, plus these environment variables.</summary>
    public static AppProcess StartDll(string dllPath, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        Start("dotnet", [dllPath, .. arguments], dllPath, environment);

    /// <summary>Like <see cref="StartDll"/>, inside the network namespace <paramref name="networkNamespace"/> (<c>ip netns exec</c>, which keeps the PID).</summary>
    public static AppProcess StartDllInNamespace(
        string networkNamespace, string dllPath, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        Start("ip", ["netns", "exec", networkNamespace, "dotnet", dllPath, .. arguments], dllPath, environment);

    private static AppProcess Start(string fileName, IEnumerable<string> arguments, string dllPath, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Path.GetDirectoryName(dllPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new AppProcess(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dllPath}."));
    }

    /// <summary>Asks the process to stop (SIGTERM, a graceful shutdown) and kills it if it has not within the limit.</summary>
    public async Task StopAsync(TimeSpan limit)
    {
        if (_process.HasExited)
        {
            return;
        }

        await ExternalProcess.RunAsync("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], ".", TimeSpan.FromSeconds(5));
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>SIGKILL, as a crash or power cut would end it: nothing runs on the way out.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    /// <summary>Waits until the process has exited on its own; its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>How often <paramref name="text"/> occurs in the output so far.</summary>
    public int CountInOutput(string text)
    {
        var output = Output;
        var count = 0;
        for (var at = output.IndexOf(text, StringComparison.Ordinal); at >= 0; at = output.IndexOf(text, at + text.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// True once a line of the output contains <paramref name="text"/> (lines already written count), signalled as the
    /// line arrives; false when <paramref name="limit"/> passes first.
    /// </summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan limit)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            _awaited.Add((text, seen));
        }

        try
        {
            await seen.Task.WaitAsync(limit);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            lock (_output)
            {
                _awaited.RemoveAll(awaited => awaited.Seen == seen);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            foreach (var (text, seen) in _awaited)
            {
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    seen.TrySetResult();
                }
            }
        }
    }
}
