#pragma warning disable CS0618 // ISystemClock is what MemoryCacheOptions still takes to control expiry time.
using Microsoft.Extensions.Internal;

namespace Sessions.Tests.AspNetSession;

/// <summary>Lets the built-in session's memory cache follow the test's fake clock.</summary>
internal sealed class FakeSystemClock(TimeProvider time) : ISystemClock
{
    public DateTimeOffset UtcNow => time.GetUtcNow();
}
