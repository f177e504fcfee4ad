namespace Sessions.Tests.Storage;

/// <summary>The same behaviour on Orleans' ADO.NET storage engine on SQLite.</summary>
[Collection(SqliteAdoNetClusterCollection.Name)]
public sealed class SqliteAdoNetSessionStorageTests(SqliteAdoNetClusterFixture fixture) : SqliteStorageBehaviour(fixture);
