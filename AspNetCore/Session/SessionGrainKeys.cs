using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Sessions.AspNetCore;

/// <summary>
/// Turns a session id into its grain key: HMAC-SHA256 under the deployment's secret, base64url. The key cannot be
/// turned back into the id, so Orleans' logs, dashboards and the storage rows hold no usable credential.
/// </summary>
public sealed class SessionGrainKeys
{
    private KeyedHash? _hash;

    /// <summary>Sets the secret; done once at start (<see cref="SessionGrainKeysLoader"/>), before any request.</summary>
    public void Initialize(byte[] secret) => _hash = new KeyedHash(secret);

    public string For(string sessionId)
    {
        var hash = _hash ?? throw new InvalidOperationException("The session-key secret is not loaded yet.");
        Span<byte> id = stackalloc byte[Encoding.UTF8.GetMaxByteCount(sessionId.Length)];
        var length = Encoding.UTF8.GetBytes(sessionId, id);
        Span<byte> key = stackalloc byte[KeyedHash.Bytes];
        hash.Compute(id[..length], key);
        return WebEncoders.Base64UrlEncode(key);
    }
}
