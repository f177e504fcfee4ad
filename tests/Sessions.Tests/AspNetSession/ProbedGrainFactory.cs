using System.Reflection;

namespace Sessions.Tests.AspNetSession;

/// <summary>
/// The test cluster's grain factory, seen through a <see cref="SessionStoreProbe"/>: the session grains it hands out
/// count their writes and fail while the probe says the store is unavailable. Everything else is passed through.
/// </summary>
public class ProbedGrainFactory : DispatchProxy
{
    private static readonly HashSet<string> Writes = [nameof(ISessionGrain.ApplyAsync), nameof(ISessionGrain.IncrementAsync), nameof(ISessionGrain.DestroyAsync)];

    private object _inner = null!;
    private SessionStoreProbe _probe = null!;

    public static IGrainFactory Create(IGrainFactory inner, SessionStoreProbe probe) => Wrap<IGrainFactory>(inner, probe);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (_inner is ISessionGrain)
        {
            _probe.ThrowIfUnavailable();
            if (Writes.Contains(targetMethod.Name))
            {
                _probe.CountWrite();
            }
        }

        try
        {
            var result = targetMethod.Invoke(_inner, args);
            return result is ISessionGrain grain ? Wrap<ISessionGrain>(grain, _probe) : result;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
            throw;
        }
    }

    private static T Wrap<T>(T inner, SessionStoreProbe probe)
        where T : class
    {
        var proxy = Create<T, ProbedGrainFactory>();
        var probed = (ProbedGrainFactory)(object)proxy;
        probed._inner = inner;
        probed._probe = probe;
        return proxy;
    }
}
