using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Sessions.AspNetCore;

namespace Sessions.Tests.WebFrontend;

/// <summary>
/// The session cookie across a secret rollover: version 3 names the secret it was issued under (key id), covered by
/// its tag; version 2 (before key ids) is read under each accepted secret; an unknown or tampered key id reads as absent.
/// </summary>
public sealed class SessionCookieKeyIdTests
{
    private static readonly byte[] OldSecret = RandomNumberGenerator.GetBytes(SessionKeySecret.Bytes);
    private static readonly byte[] NewSecret = RandomNumberGenerator.GetBytes(SessionKeySecret.Bytes);

    [Fact]
    public void AnIssuedCookie_IsVersion3WithTheCurrentKeyId_AndReadsBackUnderTheCurrentSecret()
    {
        var (cookie, secrets) = Cookie(NewSecret, OldSecret);
        var id = SessionCookie.NewId();

        var value = Issue(cookie, id);

        var bytes = Base64Url.DecodeFromChars(value);
        Assert.Equal(3, bytes[0]);
        Assert.Equal(secrets.Current.KeyId, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1, 4)));
        Assert.True(cookie.TryRead(Request(value), out var read, out var secret));
        Assert.Equal(id, read);
        Assert.Same(secrets.Current, secret);
    }

    [Fact]
    public void AVersion3CookieUnderAPreviousSecret_ReadsUnderThatSecret()
    {
        var (before, _) = Cookie(OldSecret);
        var id = SessionCookie.NewId();
        var value = Issue(before, id);
        var (after, secrets) = Cookie(NewSecret, OldSecret);

        Assert.True(after.TryRead(Request(value), out var read, out var secret));

        Assert.Equal(id, read);
        Assert.True(secrets.IsPrevious(secret));
        Assert.Equal(SessionSecret.KeyIdOf(OldSecret), secret.KeyId);
    }

    [Fact]
    public void AVersion2Cookie_ReadsUnderTheCurrentSecret()
    {
        var (cookie, secrets) = Cookie(OldSecret);
        var id = SessionCookie.NewId();

        Assert.True(cookie.TryRead(Request(Version2(OldSecret, id)), out var read, out var secret));

        Assert.Equal(id, read);
        Assert.Same(secrets.Current, secret);
    }

    [Fact]
    public void AVersion2Cookie_ReadsUnderAPreviousSecret_SoSessionsIssuedBeforeKeyIdsSurviveARollover()
    {
        var (cookie, secrets) = Cookie(NewSecret, OldSecret);
        var id = SessionCookie.NewId();

        Assert.True(cookie.TryRead(Request(Version2(OldSecret, id)), out var read, out var secret));

        Assert.Equal(id, read);
        Assert.True(secrets.IsPrevious(secret));
    }

    [Fact]
    public void AVersion2CookieUnderARemovedSecret_ReadsAsAbsent()
    {
        var (cookie, _) = Cookie(NewSecret);

        Assert.False(cookie.TryRead(Request(Version2(OldSecret, SessionCookie.NewId())), out _, out _));
    }

    [Fact]
    public void ACookieWhoseKeyIdIsChangedToAnotherAcceptedSecret_ReadsAsAbsent()
    {
        var (cookie, secrets) = Cookie(NewSecret, OldSecret);
        var bytes = Base64Url.DecodeFromChars(Issue(cookie, SessionCookie.NewId()));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(1, 4), secrets.All[1].KeyId);

        Assert.False(cookie.TryRead(Request(Base64Url.EncodeToString(bytes)), out _, out _));
    }

    [Fact]
    public void ACookieWhoseKeyIdIsChangedToAnUnknownOne_ReadsAsAbsent()
    {
        var (cookie, secrets) = Cookie(NewSecret);
        var bytes = Base64Url.DecodeFromChars(Issue(cookie, SessionCookie.NewId()));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(1, 4), secrets.Current.KeyId ^ 1);

        Assert.False(cookie.TryRead(Request(Base64Url.EncodeToString(bytes)), out _, out _));
    }

    [Fact]
    public void ACookieUnderASecretNoLongerAccepted_ReadsAsAbsent()
    {
        var (before, _) = Cookie(OldSecret);
        var value = Issue(before, SessionCookie.NewId());
        var (after, _) = Cookie(NewSecret);

        Assert.False(after.TryRead(Request(value), out _, out _));
    }

    [Fact]
    public void AVersion2CookieRelabelledAsVersion3_ReadsAsAbsent()
    {
        var (cookie, secrets) = Cookie(OldSecret);
        var v2 = Base64Url.DecodeFromChars(Version2(OldSecret, SessionCookie.NewId()));
        var relabelled = new byte[v2.Length + 4];
        relabelled[0] = 3;
        BinaryPrimitives.WriteUInt32BigEndian(relabelled.AsSpan(1, 4), secrets.Current.KeyId);
        v2.AsSpan(1).CopyTo(relabelled.AsSpan(5));

        Assert.False(cookie.TryRead(Request(Base64Url.EncodeToString(relabelled)), out _, out _));
    }

    [Fact]
    public void TheKeyId_IsDerivedFromTheSecretAlone_TheSameOnEveryFrontend()
    {
        var (first, _) = Cookie(NewSecret);
        var (second, secrets) = Cookie([.. NewSecret]);

        Assert.Equal(SessionSecret.KeyIdOf(NewSecret), secrets.Current.KeyId);
        Assert.NotEqual(SessionSecret.KeyIdOf(NewSecret), SessionSecret.KeyIdOf(OldSecret));
        Assert.True(second.TryRead(Request(Issue(first, SessionCookie.NewId())), out _, out _));
    }

    private static (SessionCookie Cookie, SessionSecrets Secrets) Cookie(byte[] current, params byte[][] previous)
    {
        var secrets = new SessionSecrets();
        secrets.Initialize(current, previous);
        return (new SessionCookie(secrets, new EphemeralDataProtectionProvider(), Options.Create(new SessionCookieOptions())), secrets);
    }

    private static string Issue(SessionCookie cookie, string id)
    {
        var http = new DefaultHttpContext();
        cookie.Issue(http.Response, id);
        var setCookie = http.Response.Headers.SetCookie.ToString();
        var start = setCookie.IndexOf('=', StringComparison.Ordinal) + 1;
        return setCookie[start..setCookie.IndexOf(';', StringComparison.Ordinal)];
    }

    private static HttpRequest Request(string value)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Cookie = "sid=" + value;
        return http.Request;
    }

    /// <summary>A cookie as releases before key ids issued it: [2][id][tag of the first two].</summary>
    internal static string Version2(byte[] secret, string id)
    {
        var bytes = new byte[1 + SessionCookie.IdBytes + SessionSecret.TagBytes];
        bytes[0] = 2;
        Base64Url.DecodeFromChars(id, bytes.AsSpan(1, SessionCookie.IdBytes));
        new SessionSecret(secret).ComputeTag(bytes.AsSpan(0, 1 + SessionCookie.IdBytes), bytes.AsSpan(1 + SessionCookie.IdBytes));
        return Base64Url.EncodeToString(bytes);
    }
}
