namespace Sessions.Grains.Interfaces;

/// <summary>
/// What <see cref="ISessionGrain.LookUpValueAsync"/> found: whether the session is live, and its value under the key
/// asked for (null when it has none). Tells a dead ID apart from a missing item in the one grain call of a one-value read.
/// </summary>
[GenerateSerializer, Immutable, Alias("sessions.SessionValueLookup")]
public readonly struct SessionValueLookup(bool sessionLive, SessionValue? value)
{
    [Id(0)]
    private readonly bool _sessionLive = sessionLive;

    [Id(1)]
    private readonly SessionValue? _value = value;

    /// <summary>False when the ID names no live session (ended, expired, replayed, or never stored).</summary>
    public bool SessionLive => _sessionLive;

    public SessionValue? Value => _value;
}
