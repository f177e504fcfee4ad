namespace Sessions.Tests.Cluster;

/// <summary>A session created through a frontend: its cookie ("name=value") and the value it acknowledged.</summary>
public sealed record WrittenSession(string Cookie, string Value);
