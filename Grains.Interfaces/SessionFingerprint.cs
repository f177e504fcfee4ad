using System.Security.Cryptography;
using System.Text;

namespace Sessions.Grains.Interfaces;

/// <summary>A session id is a bearer credential: logs, lists and <c>ISession.Id</c> carry one-way hashes instead.</summary>
public static class SessionFingerprint
{
    /// <summary>A short fingerprint for logs, of a session's handle.</summary>
    public static string Of(string handle) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("sessions.log.v1:" + handle)), 0, 6);

    /// <summary>
    /// A 128-bit non-secret identifier of a session (its handle) from its grain key, for <c>ISession.Id</c>, lists shown to
    /// users and log fingerprints; rotations carry it over to the new key.
    /// </summary>
    public static string PublicId(string grainKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("sessions.public.v1:" + grainKey)), 0, 16);
}
