namespace Sessions.Configuration;

/// <summary>
/// A failure at start that is the operator's to fix (an unusable database schema, a missing secret): its message says
/// what to change and never holds a secret. <see cref="StartupFailure.Describe"/> reports it in one line.
/// </summary>
public class StartupException : Exception
{
    public StartupException()
    {
    }

    public StartupException(string message)
        : base(message)
    {
    }

    public StartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
