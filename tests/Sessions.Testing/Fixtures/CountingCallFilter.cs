namespace Sessions.Tests.Fixtures;

/// <summary>Silo-side filter feeding <see cref="GrainCallCounter"/>.</summary>
internal sealed class CountingCallFilter(GrainCallCounter counter) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType == typeof(ISessionGrain))
        {
            counter.CountSessionGrainCall(context.InterfaceMethod.Name);
        }

        if (context.Grain is ISessionGrain)
        {
            counter.CountCallOn(context.TargetId);
        }

        return context.Invoke();
    }
}
