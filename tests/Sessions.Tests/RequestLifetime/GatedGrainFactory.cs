using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Sessions.Tests.RequestLifetime;

/// <summary>
/// The test cluster's grain factory as the frontend sees it, with its session grain calls passed through a
/// <see cref="SessionCallGate"/>. Everything else goes straight through.
/// </summary>
public class GatedGrainFactory : DispatchProxy
{
    private object _inner = null!;
    private SessionCallGate _gate = null!;

    public static IGrainFactory Create(IGrainFactory inner, SessionCallGate gate) => Wrap<IGrainFactory>(inner, gate);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (_inner is ISessionGrain grain && targetMethod.Name == nameof(ISessionGrain.LoadAsync))
        {
            var cancellationToken = (CancellationToken)args![0]!;
            if (_gate.TakeHold() is { } hold)
            {
                return new ValueTask<SessionSnapshot?>(LoadWhenReleasedAsync(grain, hold, cancellationToken));
            }

            if (_gate.Tracker is { } tracker)
            {
                return new ValueTask<SessionSnapshot?>(TrackedLoadAsync(grain, tracker.LoadStarted(), cancellationToken));
            }
        }

        try
        {
            var result = targetMethod.Invoke(_inner, args);
            return result is ISessionGrain session ? Wrap<ISessionGrain>(session, _gate) : result;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            ExceptionDispatchInfo.Throw(inner);
            throw;
        }
    }

    private static async Task<SessionSnapshot?> LoadWhenReleasedAsync(ISessionGrain grain, SessionCallGate.HeldLoad hold, CancellationToken cancellationToken)
    {
        await hold.WaitAsync(cancellationToken);
        return await grain.LoadAsync(cancellationToken);
    }

    private static async Task<SessionSnapshot?> TrackedLoadAsync(ISessionGrain grain, IDisposable load, CancellationToken cancellationToken)
    {
        using (load)
        {
            await Task.Yield(); // the request goes on meanwhile, as with a grain on another silo
            return await grain.LoadAsync(cancellationToken);
        }
    }

    private static T Wrap<T>(T inner, SessionCallGate gate)
        where T : class
    {
        var proxy = Create<T, GatedGrainFactory>();
        var gated = (GatedGrainFactory)(object)proxy;
        gated._inner = inner;
        gated._gate = gate;
        return proxy;
    }
}
