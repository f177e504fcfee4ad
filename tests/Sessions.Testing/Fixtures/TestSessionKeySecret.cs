using System.Security.Cryptography;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// A <c>SessionGrainKey:Secret</c> for a test host outside Development, where Sessions refuses to start without one: a new
/// random secret per host, as each host had before (a per-process secret), so no two hosts share cookies unless a test says so.
/// </summary>
public static class TestSessionKeySecret
{
    public const string Key = "SessionGrainKey:Secret";

    public static string NewValue() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(SessionKeySecret.Bytes));
}
