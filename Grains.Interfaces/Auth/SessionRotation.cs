namespace Sessions.Grains.Interfaces;

/// <summary>
/// Moves a session to a new ID (<see cref="NewKey"/>, the grain key of the new ID). A login rotation signs the session
/// in and leaves the old ID dead at once; a renewal keeps the old ID working for <c>Auth:RenewalGrace</c>, after which
/// any use of it is treated as replay and ends the session.
/// </summary>
[GenerateSerializer, Immutable, Alias("sessions.SessionRotation")]
public sealed record SessionRotation(
    [property: Id(0)] string NewKey,
    [property: Id(1)] SessionLogin? Login)
{
    public bool IsRenewal => Login is null;
}
