using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Sessions.AspNetCore;

/// <summary>
/// One session-key secret and what is derived from it: its key id (public, carried in cookies), the key of session
/// cookie tags (HMAC-SHA256 truncated to 128 bits) and the grain keys of session ids (HMAC-SHA256 of the id, base64url).
/// A grain key cannot be turned back into the id, so Orleans' logs, dashboards and the storage rows hold no usable
/// credential. See <see cref="SessionSecrets"/> for the current secret and the previous ones still read.
/// </summary>
public sealed class SessionSecret
{
    internal const int TagBytes = 16;

    internal const int KeyIdBytes = 4;

    private static readonly byte[] TagKeyPurpose = Encoding.ASCII.GetBytes("Sessions.SessionCookie.v2");
    private static readonly byte[] KeyIdPurpose = Encoding.ASCII.GetBytes("Sessions.SecretId");

    private readonly KeyedHash _grainKeys;
    private readonly KeyedHash _tags;

    internal SessionSecret(byte[] secret)
    {
        KeyId = KeyIdOf(secret);
        _grainKeys = new KeyedHash(secret);
        _tags = new KeyedHash(HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, KeyedHash.Bytes, info: TagKeyPurpose));
    }

    /// <summary>
    /// The secret's public name: the first 4 bytes of HKDF-SHA256(secret, info "Sessions.SecretId"), so every frontend
    /// derives the same id with no configuration of its own, and the id tells nothing of the secret.
    /// </summary>
    public uint KeyId { get; }

    /// <summary>The key id of <paramref name="secret"/> (<see cref="KeyId"/>), as written in logs: 8 hex digits.</summary>
    internal static uint KeyIdOf(byte[] secret) =>
        BinaryPrimitives.ReadUInt32BigEndian(HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, KeyIdBytes, info: KeyIdPurpose));

    /// <summary>The grain key of <paramref name="sessionId"/> under this secret: a keyed hash, safe to log or store.</summary>
    public string GrainKeyOf(string sessionId)
    {
        Span<byte> id = stackalloc byte[Encoding.UTF8.GetMaxByteCount(sessionId.Length)];
        var length = Encoding.UTF8.GetBytes(sessionId, id);
        Span<byte> key = stackalloc byte[KeyedHash.Bytes];
        _grainKeys.Compute(id[..length], key);
        return WebEncoders.Base64UrlEncode(key);
    }

    internal void ComputeTag(ReadOnlySpan<byte> message, Span<byte> tag)
    {
        Span<byte> full = stackalloc byte[KeyedHash.Bytes];
        _tags.Compute(message, full);
        full[..TagBytes].CopyTo(tag);
    }

    /// <summary>Whether <paramref name="tag"/> is this secret's tag of <paramref name="message"/>, compared in constant time.</summary>
    internal bool VerifyTag(ReadOnlySpan<byte> message, ReadOnlySpan<byte> tag)
    {
        Span<byte> expected = stackalloc byte[TagBytes];
        ComputeTag(message, expected);
        return CryptographicOperations.FixedTimeEquals(expected, tag);
    }

    public override string ToString() => KeyId.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
}
