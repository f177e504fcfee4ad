namespace Sessions.Grains.Interfaces;

/// <summary>
/// One stored session value, read-only. Immutable for Orleans, so a co-hosted silo hands the grain's bytes over
/// without copying them, and nothing a caller does with this value can change them.
/// </summary>
[GenerateSerializer, Immutable, Alias("sessions.SessionValue")]
public readonly struct SessionValue(ReadOnlyMemory<byte> bytes)
{
    [Id(0)]
    private readonly ReadOnlyMemory<byte> _bytes = bytes;

    public ReadOnlyMemory<byte> Memory => _bytes;

    public ReadOnlySpan<byte> Span => _bytes.Span;

    public int Length => _bytes.Length;

    public static implicit operator ReadOnlySpan<byte>(SessionValue value) => value.Span;

    /// <summary>A copy the caller owns.</summary>
    public byte[] ToArray() => _bytes.ToArray();
}
