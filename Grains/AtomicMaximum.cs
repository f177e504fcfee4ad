namespace Sessions.Grains;

/// <summary>Raising a shared 64-bit value that only ever grows, from any thread.</summary>
internal static class AtomicMaximum
{
    /// <summary>Sets <paramref name="field"/> to <paramref name="value"/> when that is higher, atomically.</summary>
    public static void Raise(ref long field, long value)
    {
        var current = Interlocked.Read(ref field);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref field, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
