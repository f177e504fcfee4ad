namespace Sessions.Storage;

/// <summary>The result of <see cref="PostgresSchema.CheckAsync"/>: the version found and what it means.</summary>
/// <param name="Target">Where the database is (host, port, database; never the password).</param>
/// <param name="FoundVersion">The applied schema version, or null when none is recorded.</param>
public sealed record PostgresSchemaCheck(string Target, int? FoundVersion)
{
    public int ExpectedVersion => PostgresSchema.CurrentVersion;

    public PostgresSchemaStatus Status => FoundVersion switch
    {
        null => PostgresSchemaStatus.Missing,
        var found when found < ExpectedVersion => PostgresSchemaStatus.Outdated,
        var found when found > ExpectedVersion => PostgresSchemaStatus.Newer,
        _ => PostgresSchemaStatus.Current,
    };

    public bool IsCurrent => Status == PostgresSchemaStatus.Current;

    /// <summary>One sentence for people: what was found and what to do about it.</summary>
    public string Message => Status switch
    {
        PostgresSchemaStatus.Missing =>
            $"The Sessions schema is missing in PostgreSQL at {Target}. Run 'Sessions.Silo migrate --connection \"...\"' or set Silo:ApplySchemaOnStart=true.",
        PostgresSchemaStatus.Outdated =>
            $"The Sessions schema in PostgreSQL at {Target} is version {FoundVersion}, this build needs {ExpectedVersion}. Run 'Sessions.Silo migrate --connection \"...\"' or set Silo:ApplySchemaOnStart=true.",
        PostgresSchemaStatus.Newer =>
            $"The Sessions schema in PostgreSQL at {Target} is version {FoundVersion}, newer than this build's {ExpectedVersion}. Use a newer build or another database.",
        _ => $"The Sessions schema in PostgreSQL at {Target} is at version {FoundVersion}, as this build needs.",
    };
}
