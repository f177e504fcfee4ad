namespace Sessions.Grains.Interfaces;

/// <summary>
/// The session store could not read or write a session's state (database unreachable, timed out, refused): the one
/// storage failure callers of the session grains see, whatever the storage engine. The message is meant for operators
/// and never holds a session id or a password; retrying later may succeed.
/// </summary>
[GenerateSerializer, Alias("sessions.SessionStorageException")]
public sealed class SessionStorageException : Exception
{
    public SessionStorageException()
    {
    }

    public SessionStorageException(string message)
        : base(message)
    {
    }

    public SessionStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
