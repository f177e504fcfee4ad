namespace Sessions.Tests.Fixtures;

/// <summary>Silo-side filter feeding <see cref="GrainCallCounter"/>.</summary>
internal sealed class CountingCallFilter(GrainCallCounter counter) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is ISessionGrain)
        {
            counter.CountCallOn(context.TargetId);
        }

        if (context.InterfaceMethod?.DeclaringType != typeof(ISessionGrain))
        {
            await context.Invoke();
            return;
        }

        var method = context.InterfaceMethod.Name;
        counter.CountSessionGrainCall(method);
        try
        {
            await context.Invoke();
        }
        finally
        {
            counter.CompleteSessionGrainCall(method);
        }
    }
}
