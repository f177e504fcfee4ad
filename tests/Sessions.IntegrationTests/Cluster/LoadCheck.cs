using Sessions.Tests.Consistency;

namespace Sessions.Tests.Cluster;

/// <summary>
/// What <see cref="IncrementLoad.FindLostOrDoubledAsync"/> found: the sessions whose counter is wrong, described, how
/// many acknowledged increments are missing over all sessions, and the check of the load's whole recorded history.
/// </summary>
internal sealed record LoadCheck(IReadOnlyList<string> Wrong, long LostIncrements, HistoryCheck History);
