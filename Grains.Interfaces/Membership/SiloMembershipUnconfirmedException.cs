namespace Sessions.Grains.Interfaces;

/// <summary>
/// The silo holding a session has not confirmed for longer than <c>Silo:MembershipConfirmation</c> that it is still a
/// member of the cluster (or found that it was declared dead), so it refuses the session rather than serve it: the
/// others may have declared it dead and activated the session elsewhere, where changes are acknowledged that this silo
/// never sees. Retrying may succeed (through another gateway, or once the silo confirmed again).
/// </summary>
/// <remarks>An <see cref="OrleansException"/>, like <see cref="SessionStorageException"/>, so callers see it unwrapped.</remarks>
[GenerateSerializer, Alias("sessions.SiloMembershipUnconfirmedException")]
public sealed class SiloMembershipUnconfirmedException : OrleansException
{
    public SiloMembershipUnconfirmedException()
    {
    }

    public SiloMembershipUnconfirmedException(string message)
        : base(message)
    {
    }

    public SiloMembershipUnconfirmedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
