namespace Sessions.Grains.Interfaces;

/// <summary>Outcome of a session write; anything but <see cref="Ok"/> changed nothing.</summary>
public enum SessionWriteStatus
{
    Ok = 0,
    InvalidKey = 1,
    ValueTooLarge = 2,
    SessionTooLarge = 3,
    TooManyKeys = 4,
    NotAnInteger = 5,
    Overflow = 6,
    NotFound = 7,

    /// <summary>The silo holds as many sessions (or session bytes) as it admits; retry later.</summary>
    AdmissionRefused = 8,
}
