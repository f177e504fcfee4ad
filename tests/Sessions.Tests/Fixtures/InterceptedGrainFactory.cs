using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// The test cluster's grain factory as a frontend sees it, with every call to a session grain it hands out shown to an
/// <see cref="ISessionGrainInterception"/> first. Everything else goes straight through.
/// </summary>
public class InterceptedGrainFactory : DispatchProxy
{
    private object _inner = null!;
    private ISessionGrainInterception _interception = null!;

    public static IGrainFactory Create(IGrainFactory inner, ISessionGrainInterception interception) => Wrap(inner, interception);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (_inner is ISessionGrain grain && _interception.TryAnswer(grain, targetMethod, args ?? [], out var answer))
        {
            return answer;
        }

        try
        {
            var result = targetMethod.Invoke(_inner, args);
            return result is ISessionGrain session ? Wrap(session, _interception) : result;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            ExceptionDispatchInfo.Throw(inner);
            throw;
        }
    }

    private static T Wrap<T>(T inner, ISessionGrainInterception interception)
        where T : class
    {
        var proxy = Create<T, InterceptedGrainFactory>();
        var intercepted = (InterceptedGrainFactory)(object)proxy;
        intercepted._inner = inner;
        intercepted._interception = interception;
        return proxy;
    }
}
