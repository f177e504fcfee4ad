namespace Sessions.Bench.Seeder;

/// <summary>The sessions created, in index order; partial when the time budget ran out first.</summary>
public sealed record SeedResult(IReadOnlyList<SeededSession> Sessions, bool Partial);
