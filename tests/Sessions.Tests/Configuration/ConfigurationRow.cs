namespace Sessions.Tests.Configuration;

/// <summary>One row of README's configuration table.</summary>
public sealed record ConfigurationRow(string Key, string Default, string ReadBy, string Meaning);
