namespace Sessions.Tests.Storage;

/// <summary>The session grain on the Sessions storage engine on SQLite: rows appear, survive deactivation and go away.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class SqliteSessionStorageTests(SqliteClusterFixture fixture) : SqliteStorageBehaviour(fixture);
