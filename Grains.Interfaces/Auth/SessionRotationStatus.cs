namespace Sessions.Grains.Interfaces;

public enum SessionRotationStatus
{
    /// <summary>The session now lives under the new ID.</summary>
    Rotated = 0,

    /// <summary>
    /// Another request rotated the session a moment ago: this one keeps the old ID for the rest of its work (within the
    /// grace) and issues no cookie, so the client ends on the one new ID.
    /// </summary>
    AlreadyRotated = 1,

    /// <summary>No live session under the old ID (or, for a login, one of another user, now ended).</summary>
    NotFound = 2,
}
