namespace Sessions.Storage;

/// <summary>What <see cref="PostgresSchema.ApplyAsync(string, CancellationToken)"/> did.</summary>
/// <param name="Target">Where the database is (host, port, database; never the password).</param>
/// <param name="PreviousVersion">The schema version before, or null when there was none.</param>
/// <param name="Version">The schema version now.</param>
/// <param name="AppliedScripts">The scripts run, in order; empty when the schema was already current.</param>
public sealed record PostgresSchemaApplyResult(
    string Target, int? PreviousVersion, int Version, IReadOnlyList<string> AppliedScripts);
