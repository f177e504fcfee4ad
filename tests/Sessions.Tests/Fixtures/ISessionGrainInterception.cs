using System.Reflection;

namespace Sessions.Tests.Fixtures;

/// <summary>What an <see cref="InterceptedGrainFactory"/> does with a call to a session grain before the grain sees it.</summary>
public interface ISessionGrainInterception
{
    /// <summary>
    /// True with <paramref name="answer"/> to answer the call instead of passing it on; false to pass it on (after
    /// whatever the interception did, such as counting it or throwing).
    /// </summary>
    bool TryAnswer(ISessionGrain grain, MethodInfo method, object?[] args, out object? answer);
}
