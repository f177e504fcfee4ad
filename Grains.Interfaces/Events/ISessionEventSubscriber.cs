namespace Sessions.Grains.Interfaces;

/// <summary>
/// Receives session lifecycle events, in batches, oldest first, in the silo that dispatches them. Register it in the
/// silo's services with <c>AddSessionEventSubscriber&lt;T&gt;()</c>. A batch counts as delivered once every subscriber
/// returned; when one throws, the whole batch comes again (to every subscriber) on the next poll, so handle events
/// idempotently (see <see cref="SessionLifecycleEvent"/>).
/// </summary>
public interface ISessionEventSubscriber
{
    Task HandleAsync(IReadOnlyList<SessionLifecycleEvent> events, CancellationToken cancellationToken);
}
