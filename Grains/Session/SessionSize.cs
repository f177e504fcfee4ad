using System.Collections.Immutable;

namespace Sessions.Grains;

/// <summary>The size a session counts against its limit: key characters plus value bytes.</summary>
internal static class SessionSize
{
    public static long Of(ImmutableDictionary<string, byte[]> items)
    {
        long size = 0;
        foreach (var (key, value) in items)
        {
            size += key.Length + value.Length;
        }

        return size;
    }
}
