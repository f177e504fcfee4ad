namespace Sessions.Bench.Seeder;

/// <summary>One created session: its seed index (which decides its cart) and its <c>name=value</c> cookie.</summary>
public sealed record SeededSession(int Index, string Cookie);
