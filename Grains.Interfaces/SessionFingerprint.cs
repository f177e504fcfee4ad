using System.Security.Cryptography;
using System.Text;

namespace Sessions.Grains.Interfaces;

/// <summary>A session id is a bearer credential: logs carry this short salted one-way hash of it instead.</summary>
public static class SessionFingerprint
{
    public static string Of(string sessionId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("sessions.log.v1:" + sessionId)), 0, 6);

    /// <summary>A 128-bit non-secret identifier of a session, for <c>ISession.Id</c> and for lists shown to users.</summary>
    public static string PublicId(string sessionId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("sessions.public.v1:" + sessionId)), 0, 16);
}
