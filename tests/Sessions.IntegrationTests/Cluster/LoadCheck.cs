namespace Sessions.Tests.Cluster;

/// <summary>
/// What <see cref="IncrementLoad.FindLostOrDoubledAsync"/> found: the sessions whose counter is wrong, described, and
/// how many acknowledged increments are missing over all sessions.
/// </summary>
internal sealed record LoadCheck(IReadOnlyList<string> Wrong, long LostIncrements);
