namespace Sessions.Storage;

/// <summary>How a PostgreSQL database's Sessions schema compares with what this build needs.</summary>
public enum PostgresSchemaStatus
{
    /// <summary>No Sessions schema has been applied to the database.</summary>
    Missing = 0,

    /// <summary>An older schema version is applied; <c>migrate</c> brings it up to date.</summary>
    Outdated = 1,

    /// <summary>The database has exactly the schema version this build needs.</summary>
    Current = 2,

    /// <summary>A newer build migrated the database; this build must not run against it.</summary>
    Newer = 3,
}
