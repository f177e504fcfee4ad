namespace Sessions.Grains;

/// <summary>What the user index keeps: the grain key (with its rotation count) and creation time of each live session, by handle.</summary>
[GenerateSerializer, Alias("sessions.UserSessionsState")]
public sealed class UserSessionsState
{
    [Id(0)] public List<UserSessionEntry> Sessions { get; set; } = [];
}
