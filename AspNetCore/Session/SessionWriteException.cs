namespace Sessions.AspNetCore;

/// <summary>A session write the grain refused (a limit, or a value that is not an integer); nothing was changed.</summary>
public sealed class SessionWriteException(SessionWriteStatus status)
    : InvalidOperationException(Describe(status))
{
    public SessionWriteStatus Status { get; } = status;

    private static string Describe(SessionWriteStatus status) => status switch
    {
        SessionWriteStatus.InvalidKey => "The session key is empty or too long.",
        SessionWriteStatus.ValueTooLarge => "The value is larger than the per-value limit.",
        SessionWriteStatus.SessionTooLarge => "The change would make the session larger than its size limit.",
        SessionWriteStatus.TooManyKeys => "The change would give the session more keys than allowed.",
        SessionWriteStatus.NotAnInteger => "The stored value is not an integer, so it cannot be incremented.",
        SessionWriteStatus.Overflow => "The increment would overflow a 64-bit integer.",
        _ => $"The session write failed ({status}).",
    };
}
