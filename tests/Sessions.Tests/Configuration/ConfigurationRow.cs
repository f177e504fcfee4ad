namespace Sessions.Tests.Configuration;

/// <summary>One row of the configuration table in docs/configuration.md.</summary>
public sealed record ConfigurationRow(string Key, string Default, string ReadBy, string Meaning);
