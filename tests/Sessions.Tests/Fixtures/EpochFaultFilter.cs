namespace Sessions.Tests.Fixtures;

/// <summary>
/// Fails, on a silo <see cref="EpochFaults"/> cuts off, the end-all push arriving there and the silo's own read of the
/// epoch, as a network partition between that silo and the rest would.
/// </summary>
internal sealed class EpochFaultFilter(EpochFaults faults, ILocalSiloDetails silo) : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context) =>
        context.InterfaceMethod?.DeclaringType == typeof(ISiloSessionEpochGrain) ? InvokeUnlessCutOffAsync(context) : context.Invoke();

    public Task Invoke(IOutgoingGrainCallContext context) =>
        context.InterfaceMethod?.DeclaringType == typeof(IDeploymentEpochGrain) ? InvokeUnlessCutOffAsync(context) : context.Invoke();

    private Task InvokeUnlessCutOffAsync(IGrainCallContext context) =>
        faults.IsCutOff(silo.SiloAddress)
            ? Task.FromException(new SiloUnavailableException($"Test: silo {silo.SiloAddress} is cut off from the epoch."))
            : context.Invoke();
}
