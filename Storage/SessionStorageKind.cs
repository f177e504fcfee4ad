namespace Sessions.Storage;

/// <summary>Where session state is kept.</summary>
public enum SessionStorageKind
{
    /// <summary>In process memory: lost when the silo stops. For tests and throwaway runs.</summary>
    Memory = 0,

    /// <summary>An embedded SQLite file through Orleans' ADO.NET persistence.</summary>
    Sqlite = 1,

    /// <summary>PostgreSQL (<c>ConnectionStrings:Sessions</c>) through Orleans' ADO.NET persistence.</summary>
    PostgreSql = 2,
}
