using System.Security.Cryptography;
using System.Text;

namespace Sessions.Grains.Interfaces;

/// <summary>A session id is a bearer credential: logs carry this short salted one-way hash of it instead.</summary>
public static class SessionFingerprint
{
    public static string Of(string sessionId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("sessions.log.v1:" + sessionId)), 0, 6);
}
