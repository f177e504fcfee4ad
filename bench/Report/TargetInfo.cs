namespace Sessions.Bench.Report;

/// <summary>
/// One system under test. Kind is <c>bare</c>, <c>ceiling</c>, <c>redis</c>, <c>embedded</c> or <c>cluster</c>. <see cref="Seeded"/>
/// sessions were created in <see cref="SeedSeconds"/>; <see cref="SeedPartial"/> when the seeding budget ran out first.
/// </summary>
public sealed record TargetInfo(string Name, string Kind, string Description, int Seeded, double SeedSeconds, bool SeedPartial);
