namespace Sessions.Grains.Interfaces;

/// <summary>
/// The session store could not read or write a session's state (database unreachable, timed out, refused): the one
/// storage failure callers of the session grains see, whatever the storage engine. The message is meant for operators
/// and never holds a session id or a password; retrying later may succeed.
/// </summary>
/// <remarks>
/// An <see cref="OrleansException"/> so that Orleans' state bridge passes it through unchanged instead of wrapping it
/// (with the grain id in the message) into a plain one.
/// </remarks>
[GenerateSerializer, Alias("sessions.SessionStorageException")]
public sealed class SessionStorageException : OrleansException
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
