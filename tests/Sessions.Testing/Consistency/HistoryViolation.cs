namespace Sessions.Tests.Consistency;

/// <summary>One rule a recorded history broke: which, for which session, and the operations that show it.</summary>
public sealed record HistoryViolation(ViolationKind Kind, int Session, string Detail)
{
    public override string ToString() => $"{Kind} (session {Session}): {Detail}";
}
