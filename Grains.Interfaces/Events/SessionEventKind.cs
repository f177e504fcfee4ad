namespace Sessions.Grains.Interfaces;

/// <summary>What happened to a session.</summary>
public enum SessionEventKind
{
    /// <summary>The session was first stored (a sign-in rotation continues a session: no new start).</summary>
    Started = 0,

    /// <summary>The session ended, for <see cref="SessionLifecycleEvent.Reason"/>.</summary>
    Ended = 1,
}
