namespace Sessions.Grains;

/// <summary>A session as read from its <see cref="ISessionStateStore"/>: the state and the version a change must name.</summary>
public sealed record StoredSessionState(SessionState State, string ETag);
