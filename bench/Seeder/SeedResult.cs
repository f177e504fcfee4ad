namespace Sessions.Bench.Seeder;

/// <summary>The cookies of the sessions created, in index order; partial when the time budget ran out first.</summary>
public sealed record SeedResult(IReadOnlyList<string> Cookies, bool Partial);
