namespace Sessions.Grains.Interfaces;

/// <summary>
/// The silo holding a signed-in session could not read the deployment's end-all epoch for longer than
/// <c>Auth:EpochStaleAfter</c>, so it cannot tell whether an end-all ended the session: it refuses the session rather
/// than serve it. Retrying later may succeed (the silo reads the epoch again, or the session moves to a silo that can).
/// </summary>
/// <remarks>An <see cref="OrleansException"/>, like <see cref="SessionStorageException"/>, so callers see it unwrapped.</remarks>
[GenerateSerializer, Alias("sessions.SessionEpochStaleException")]
public sealed class SessionEpochStaleException : OrleansException
{
    public SessionEpochStaleException()
    {
    }

    public SessionEpochStaleException(string message)
        : base(message)
    {
    }

    public SessionEpochStaleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
