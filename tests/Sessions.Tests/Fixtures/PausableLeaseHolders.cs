using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// A frontend's grain factory whose lease holder can be paused, as a frontend process stopped by SIGSTOP would be: while
/// paused, revocations reach it (<see cref="RevocationArrived"/>) but are not handled; on <see cref="Resume"/> the
/// held ones are handled late, as a resumed process handles what queued up.
/// </summary>
public class PausableLeaseHolders : DispatchProxy
{
    private object _inner = null!;
    private Control _control = null!;

    /// <summary>Wraps <paramref name="inner"/>; the returned control pauses and resumes the holder it makes.</summary>
    public static (IGrainFactory Grains, Control Control) Create(IGrainFactory inner)
    {
        var proxy = Create<IGrainFactory, PausableLeaseHolders>();
        var control = new Control();
        ((PausableLeaseHolders)(object)proxy)._inner = inner;
        ((PausableLeaseHolders)(object)proxy)._control = control;
        return (proxy, control);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IGrainFactory.CreateObjectReference) && args is [ISessionLeaseHolder holder])
        {
            // Orleans keeps only a weak reference to an observer: the control keeps the wrapper alive, as the frontend
            // keeps its holder (a collected one answers nothing, and every change would wait its leases out).
            args = [_control.Keep(new PausableHolder(holder, _control))];
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            ExceptionDispatchInfo.Throw(inner);
            throw;
        }
    }

    /// <summary>Pauses and resumes the frontend's lease holder.</summary>
    public sealed class Control
    {
        private readonly Lock _lock = new();
        private readonly List<ISessionLeaseHolder> _holders = [];
        private TaskCompletionSource? _resumed;
        private TaskCompletionSource _arrived = NewSignal();

        /// <summary>Completes when a revocation reached the holder while it was paused.</summary>
        public Task RevocationArrived => _arrived.Task;

        public void Pause()
        {
            lock (_lock)
            {
                _resumed ??= NewSignal();
                _arrived = NewSignal();
            }
        }

        public void Resume()
        {
            lock (_lock)
            {
                _resumed?.TrySetResult();
                _resumed = null;
            }
        }

        internal ISessionLeaseHolder Keep(ISessionLeaseHolder holder)
        {
            lock (_lock)
            {
                _holders.Add(holder);
                return holder;
            }
        }

        internal Task? Paused()
        {
            lock (_lock)
            {
                if (_resumed is null)
                {
                    return null;
                }

                _arrived.TrySetResult();
                return _resumed.Task;
            }
        }

        private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class PausableHolder(ISessionLeaseHolder inner, Control control) : ISessionLeaseHolder
    {
        public async ValueTask<TimeSpan?> RevokeAsync(SessionLeaseRevocation revocation, CancellationToken cancellationToken = default)
        {
            if (control.Paused() is { } resumed)
            {
                await resumed; // a stopped process answers nothing; what queued up is handled once it runs again
            }

            return await inner.RevokeAsync(revocation, cancellationToken);
        }
    }
}
