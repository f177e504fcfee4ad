using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>
/// Reads and writes the session cookie. Its value (version 3) is the key id of the session-key secret it was issued
/// under, the session id and a 128-bit HMAC tag over both under a key derived from that secret
/// (<see cref="SessionSecret"/>), base64url: a forged, tampered or foreign cookie, or one under a secret no longer
/// accepted, reads as absent and never reaches the cluster. Version 2 cookies (no key id, issued before secret rollover)
/// are read under each accepted secret, the current one first; cookies of earlier releases (the id encrypted with the
/// data-protection key ring) are still read, as long as the key ring holds their key.
/// <para>
/// The same value travels in a header instead of the cookie where one is chosen: on the server-to-server API's
/// endpoints (<see cref="SessionServerEndpoints.SessionHeaderName"/>) and, with <c>SessionCookie:HeaderName</c> set, on
/// every request (native and mobile clients). The request is then read from that header alone and the response writes
/// it there, never the cookie.
/// </para>
/// </summary>
/// <remarks>
/// Validating a tag is one HMAC of 37 bytes; unprotecting a data-protection payload derives two keys, creates an AES
/// and an HMAC context and decrypts, about 6 % of a session read's CPU in a profile.
/// </remarks>
public sealed class SessionCookie(
    SessionSecrets secrets, IDataProtectionProvider dataProtection, IOptions<SessionCookieOptions> options)
{
    public const int IdBytes = 32;

    private const byte Version = 3;
    private const byte VersionWithoutKeyId = 2;
    private const int IdOffset = 1 + SessionSecret.KeyIdBytes;
    private const int ValueBytes = IdOffset + IdBytes + SessionSecret.TagBytes;
    private const int ValueBytesWithoutKeyId = 1 + IdBytes + SessionSecret.TagBytes;

    // A data-protected id (earlier releases) is about 155 characters; anything far longer is not ours.
    private const int MaxCookieLength = 512;

    private static readonly int ValueLength = Base64UrlLength(ValueBytes);
    private static readonly int ValueLengthWithoutKeyId = Base64UrlLength(ValueBytesWithoutKeyId);

    private readonly IDataProtector _legacyProtector = dataProtection.CreateProtector("Sessions.SessionCookie.v1");
    private readonly SessionCookieOptions _options = options.Value;
    private readonly string _httpsName = HttpsName(options.Value);
    private readonly string? _headerName = options.Value.HeaderName is { Length: > 0 } header ? header : null;

    /// <summary>A new session id: 256 bits from a CSPRNG, base64url.</summary>
    public static string NewId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(IdBytes));

    public string NameFor(HttpRequest request) => request.IsHttps ? _httpsName : _options.Name;

    /// <summary>Whether the request carries a session value where its endpoint expects one (cookie or header); not yet validated.</summary>
    public bool IsPresent(HttpRequest request) => !string.IsNullOrEmpty(ValueOf(request));

    public bool TryRead(HttpRequest request, out string sessionId) => TryRead(request, out sessionId, out _);

    /// <summary>
    /// The session id the request carries, validated, and the accepted secret it was issued under: the current one or,
    /// during a secret rollover, a previous one (the session then moves to the current secret on this request).
    /// </summary>
    public bool TryRead(HttpRequest request, out string sessionId, [MaybeNullWhen(false)] out SessionSecret secret)
    {
        sessionId = string.Empty;
        secret = null;
        var value = ValueOf(request);
        if (string.IsNullOrEmpty(value) || value.Length > MaxCookieLength)
        {
            return false;
        }

        if (value.Length == ValueLength)
        {
            return TryReadTagged(value, out sessionId, out secret);
        }

        if (value.Length == ValueLengthWithoutKeyId)
        {
            return TryReadTaggedWithoutKeyId(value, out sessionId, out secret);
        }

        secret = secrets.Current; // the data-protected id of earlier releases was keyed by the one secret there was
        return TryReadLegacy(value, out sessionId);
    }

    /// <summary>Writes the cookie (or header) of <paramref name="sessionId"/> under the current secret.</summary>
    public void Issue(HttpResponse response, string sessionId)
    {
        var secret = secrets.Current;
        Span<byte> bytes = stackalloc byte[ValueBytes];
        bytes[0] = Version;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.Slice(1, SessionSecret.KeyIdBytes), secret.KeyId);
        if (!Base64Url.TryDecodeFromChars(sessionId, bytes.Slice(IdOffset, IdBytes), out var written) || written != IdBytes)
        {
            throw new ArgumentException("Not a session id.", nameof(sessionId));
        }

        secret.ComputeTag(bytes[..(IdOffset + IdBytes)], bytes[(IdOffset + IdBytes)..]);
        if (HeaderOf(response.HttpContext) is { } header)
        {
            response.Headers[header] = Base64Url.EncodeToString(bytes);
        }
        else
        {
            response.Cookies.Append(NameFor(response.HttpContext.Request), Base64Url.EncodeToString(bytes), CreateCookieOptions(response.HttpContext.Request));
        }

        NoStore(response);
    }

    public void Clear(HttpResponse response)
    {
        if (HeaderOf(response.HttpContext) is { } header)
        {
            response.Headers[header] = string.Empty; // as Spring Session's HeaderHttpSessionIdResolver: an empty value ends it
        }
        else
        {
            response.Cookies.Delete(NameFor(response.HttpContext.Request), CreateCookieOptions(response.HttpContext.Request));
        }

        NoStore(response);
    }

    /// <summary>The header that carries this request's session value instead of the cookie, or null for the cookie.</summary>
    private string? HeaderOf(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<SessionIdHeaderMetadata>()?.HeaderName ?? _headerName;

    // Two values of the header join with a comma, which no session value holds: they read as absent.
    private string? ValueOf(HttpRequest request) =>
        HeaderOf(request.HttpContext) is { } header ? request.Headers[header].ToString() : request.Cookies[NameFor(request)];

    // Version 3: [3][key id][id][tag over the first three]. An unknown key id reads as absent without computing a tag.
    private bool TryReadTagged(string value, out string sessionId, [MaybeNullWhen(false)] out SessionSecret secret)
    {
        sessionId = string.Empty;
        secret = null;
        Span<byte> bytes = stackalloc byte[ValueBytes];
        if (!TryDecode(value, bytes) || bytes[0] != Version
            || !secrets.TryFind(BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(1, SessionSecret.KeyIdBytes)), out var named)
            || !named.VerifyTag(bytes[..(IdOffset + IdBytes)], bytes[(IdOffset + IdBytes)..]))
        {
            return false;
        }

        (sessionId, secret) = (Base64Url.EncodeToString(bytes.Slice(IdOffset, IdBytes)), named);
        return true;
    }

    // Version 2 (issued before secret rollover): [2][id][tag], under whichever accepted secret verifies it.
    private bool TryReadTaggedWithoutKeyId(string value, out string sessionId, [MaybeNullWhen(false)] out SessionSecret secret)
    {
        sessionId = string.Empty;
        secret = null;
        Span<byte> bytes = stackalloc byte[ValueBytesWithoutKeyId];
        if (!TryDecode(value, bytes) || bytes[0] != VersionWithoutKeyId)
        {
            return false;
        }

        foreach (var candidate in secrets.All)
        {
            if (candidate.VerifyTag(bytes[..(1 + IdBytes)], bytes[(1 + IdBytes)..]))
            {
                (sessionId, secret) = (Base64Url.EncodeToString(bytes.Slice(1, IdBytes)), candidate);
                return true;
            }
        }

        return false;
    }

    // TryDecodeFromChars throws on characters outside the alphabet instead of answering false: check them first.
    private static bool TryDecode(string value, Span<byte> bytes) =>
        Base64Url.IsValid(value, out var length) && length == bytes.Length
        && Base64Url.TryDecodeFromChars(value, bytes, out var written) && written == bytes.Length;

    private bool TryReadLegacy(string value, out string sessionId)
    {
        sessionId = string.Empty;
        try
        {
            var id = _legacyProtector.Unprotect(WebEncoders.Base64UrlDecode(value));
            if (id.Length != IdBytes)
            {
                return false;
            }

            sessionId = WebEncoders.Base64UrlEncode(id);
            return true;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return false;
        }
    }

    private static int Base64UrlLength(int bytes) => (bytes * 4 + 2) / 3;

    // A response that sets or clears the session cookie must never be cached and replayed to someone else.
    private static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.Pragma = "no-cache";
    }

    // A __Host- cookie must be Secure, for Path=/ and without Domain; __Secure- only needs Secure.
    private static string HttpsName(SessionCookieOptions options) => options switch
    {
        { UseHostPrefixOnHttps: false } => options.Name,
        { Path: "/", Domain: "" } => "__Host-" + options.Name,
        _ => "__Secure-" + options.Name,
    };

    // Session cookie (no Expires): the browser drops it when closed; the server enforces the timeouts.
    private CookieOptions CreateCookieOptions(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = _options.SameSite,
        Path = _options.Path,
        Domain = _options.Domain.Length == 0 ? null : _options.Domain,
        Secure = request.IsHttps || _options.SecurePolicy == CookieSecurePolicy.Always,
        IsEssential = true,
    };
}
