using System.Buffers.Binary;
using Microsoft.AspNetCore.Cryptography.KeyDerivation;

namespace Sessions.WebFrontend.Auth;

/// <summary>
/// The parameters inside an ASP.NET Core <c>PasswordHasher</c> hash of format version 3: base64 of the version byte
/// (1), then the PRF, the iteration count and the salt length as big-endian 32-bit integers, the salt and the
/// derived key.
/// </summary>
public readonly record struct PasswordHashFormat(KeyDerivationPrf Prf, int Iterations, int SaltBytes, int KeyBytes)
{
    /// <summary>What ASP.NET Core's hasher writes today (HMAC-SHA512, 100,000 iterations); nothing weaker is accepted.</summary>
    public const int MinIterations = 100_000;

    private const byte Version3 = 0x01;
    private const int HeaderBytes = 13;
    private const int MinSaltBytes = 16;
    private const int MinKeyBytes = 32;

    /// <summary>Reads the parameters of <paramref name="hash"/>; false when it is not a version 3 hash.</summary>
    public static bool TryRead(string hash, out PasswordHashFormat format)
    {
        format = default;
        var bytes = new byte[hash.Length];
        if (!Convert.TryFromBase64String(hash, bytes, out var length) || length < HeaderBytes || bytes[0] != Version3)
        {
            return false;
        }

        var header = bytes.AsSpan(1, HeaderBytes - 1);
        var prf = BinaryPrimitives.ReadUInt32BigEndian(header);
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        var saltBytes = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
        if (prf > (uint)KeyDerivationPrf.HMACSHA512 || iterations > int.MaxValue || saltBytes >= (uint)(length - HeaderBytes))
        {
            return false;
        }

        format = new PasswordHashFormat((KeyDerivationPrf)prf, (int)iterations, (int)saltBytes, length - HeaderBytes - (int)saltBytes);
        return true;
    }

    /// <summary>Why a hash of this format is too weak to accept, or null.</summary>
    public string? Weakness => this switch
    {
        { Prf: KeyDerivationPrf.HMACSHA1 } => "PBKDF2 with HMAC-SHA1",
        { Iterations: < MinIterations } => $"{Iterations:N0} iterations",
        { SaltBytes: < MinSaltBytes } => $"a {SaltBytes * 8}-bit salt",
        { KeyBytes: < MinKeyBytes } => $"a {KeyBytes * 8}-bit key",
        _ => null,
    };
}
