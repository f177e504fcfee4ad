using System.Globalization;

// No namespace: the runtime looks for a type named StartupHook outside any namespace.
/// <summary>
/// Loaded into a measured process with <c>DOTNET_STARTUP_HOOKS</c>: when a file named <c>collect</c> appears in
/// <c>BENCH_HEAP_PROBE_DIR</c>, forces a full blocking compacting GC and writes the live managed heap
/// (<see cref="GC.GetTotalMemory(bool)"/> after that GC) to <c>heap.txt</c> there. No effect without the variable.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var folder = Environment.GetEnvironmentVariable("BENCH_HEAP_PROBE_DIR");
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        new Thread(() => Watch(folder)) { IsBackground = true, Name = "bench-heap-probe" }.Start();
    }

    private static void Watch(string folder)
    {
        var request = Path.Combine(folder, "collect");
        var result = Path.Combine(folder, "heap.txt");
        while (true)
        {
            Thread.Sleep(200);
            if (!File.Exists(request))
            {
                continue;
            }

            File.Delete(request);
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var live = GC.GetTotalMemory(forceFullCollection: true);
            var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            var text = string.Create(CultureInfo.InvariantCulture,
                $"live_bytes={live}\nheap_size_bytes={info.HeapSizeBytes}\ncommitted_bytes={info.TotalCommittedBytes}\n");
            File.WriteAllText(result + ".tmp", text);
            File.Move(result + ".tmp", result, overwrite: true);
        }
    }
}
