namespace Sessions.Bench.Seeder;

/// <summary>Seeding cannot go on: the target answered something other than what a seeded session needs.</summary>
public sealed class SeedException(string message) : Exception(message);
