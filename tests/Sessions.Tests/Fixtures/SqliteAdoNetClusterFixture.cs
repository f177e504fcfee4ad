using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;

namespace Sessions.Tests.Fixtures;

/// <summary>The test cluster on SQLite through Orleans' ADO.NET grain storage (<c>Silo:StorageEngine=OrleansAdoNet</c>).</summary>
public sealed class SqliteAdoNetClusterFixture : SqliteClusterFixture
{
    public override SessionStorageEngine Engine => SessionStorageEngine.OrleansAdoNet;
}
