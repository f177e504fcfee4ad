using Orleans.Runtime.Diagnostics;

namespace Sessions.Tests.Fixtures;

/// <summary>Signals of what a grain's activation did, from Orleans' diagnostic events (start watching before acting).</summary>
public static class OrleansEvents
{
    /// <summary>
    /// The end of <paramref name="grain"/>'s next timer tick. Raised just before the timer re-arms itself in the same
    /// scheduler turn, so a call to the grain made after the signal runs only once the timer is armed again.
    /// </summary>
    public static OrleansEventSignal<GrainTimerEvents.TimerEvent> TimerTickEnded(GrainId grain) =>
        new(GrainTimerEvents.AllEvents, e => e is GrainTimerEvents.TickStop && e.GrainContext.GrainId == grain);

    /// <summary>An activation of <paramref name="grain"/> deactivated: its <c>OnDeactivateAsync</c> done and the activation gone.</summary>
    public static OrleansEventSignal<GrainLifecycleEvents.LifecycleEvent> Deactivated(GrainId grain) =>
        new(GrainLifecycleEvents.AllEvents, e => e is GrainLifecycleEvents.Deactivated && e.GrainContext.GrainId == grain);
}
