namespace Sessions.Grains;

/// <summary>When a session write reaches storage.</summary>
public enum SessionWriteMode
{
    /// <summary>A write is acknowledged after storage confirmed it: an acknowledged write survives a crash.</summary>
    WriteThrough = 0,

    /// <summary>
    /// A write is acknowledged from memory and flushed with the other writes of the interval, on deactivation and on
    /// graceful shutdown. A crash (kill -9, power loss) loses at most the writes of the last interval.
    /// </summary>
    WriteBehind = 1,
}
