using System.Security.Cryptography;
using System.Text;

namespace Sessions.AspNetCore;

/// <summary>
/// The authentication tag of session cookies: HMAC-SHA256, truncated to 128 bits, under a key derived (HKDF) from
/// the deployment's session-key secret, so every frontend that shares the secret accepts the others' cookies and a
/// cookie nobody issued is rejected before any grain call.
/// </summary>
public sealed class SessionCookieTags
{
    public const int TagBytes = 16;

    private static readonly byte[] KeyPurpose = Encoding.ASCII.GetBytes("Sessions.SessionCookie.v2");

    private KeyedHash? _hash;

    /// <summary>Derives the tag key; done once at start (<see cref="SessionGrainKeysLoader"/>), before any request.</summary>
    public void Initialize(byte[] secret) =>
        _hash = new KeyedHash(HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, KeyedHash.Bytes, info: KeyPurpose));

    public void Compute(ReadOnlySpan<byte> message, Span<byte> tag)
    {
        var hash = _hash ?? throw new InvalidOperationException("The session-key secret is not loaded yet.");
        Span<byte> full = stackalloc byte[KeyedHash.Bytes];
        hash.Compute(message, full);
        full[..TagBytes].CopyTo(tag);
    }

    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> tag)
    {
        Span<byte> expected = stackalloc byte[TagBytes];
        Compute(message, expected);
        return CryptographicOperations.FixedTimeEquals(expected, tag);
    }
}
