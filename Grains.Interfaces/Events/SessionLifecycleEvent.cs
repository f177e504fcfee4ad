namespace Sessions.Grains.Interfaces;

/// <summary>
/// The start or the end of one session, as stored in the event outbox in the same transaction as the session's row.
/// Delivered at least once: a consumer that must not count one twice keeps <see cref="Sequence"/> (unique per event)
/// or the pair (<see cref="SessionHandle"/>, <see cref="Kind"/>), of which there is one per session.
/// </summary>
/// <param name="Sequence">The outbox's number of the event, unique within the deployment; 0 until stored.</param>
/// <param name="SessionHandle">The session's public handle (as in <c>/api/me/sessions</c>), never its ID.</param>
/// <param name="UserId">The signed-in user, or null for an anonymous session.</param>
/// <param name="CreatedAt">When the session started.</param>
/// <param name="OccurredAt">When it happened: the start, or the exact end (for an expiry, the time it expired, however later it was found).</param>
/// <param name="Reason">Why the session ended; null for a start.</param>
/// <param name="PageViews">Pages the visit viewed, as last stored (recording is coalesced: a crash may lose the last few).</param>
/// <param name="Interactions">Form posts of the visit, as last stored.</param>
[GenerateSerializer, Immutable, Alias("sessions.SessionLifecycleEvent")]
public sealed record SessionLifecycleEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] SessionEventKind Kind,
    [property: Id(2)] string SessionHandle,
    [property: Id(3)] string? UserId,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset OccurredAt,
    [property: Id(6)] SessionEndReason? Reason,
    [property: Id(7)] int PageViews,
    [property: Id(8)] int Interactions)
{
    /// <summary>How long the session lasted (zero for a start).</summary>
    public TimeSpan Duration => OccurredAt - CreatedAt;
}
