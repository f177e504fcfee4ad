using System.Security.Cryptography;

namespace Sessions.AspNetCore;

/// <summary>
/// HMAC-SHA256 under one key, with one reusable context per thread: the one-shot <see cref="HMACSHA256.HashData(byte[], byte[])"/>
/// sets up a new OpenSSL context per call, which costs more than twice the hash itself on every request.
/// </summary>
internal sealed class KeyedHash(byte[] key)
{
    public const int Bytes = HMACSHA256.HashSizeInBytes;

    private readonly ThreadLocal<IncrementalHash> _hashes = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key));

    public void Compute(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hash = _hashes.Value!;
        hash.AppendData(data);
        hash.GetHashAndReset(destination);
    }
}
