namespace Sessions.Hosting;

/// <summary>Where reminders (durable, periodic grain wake-ups) are kept.</summary>
public enum SiloReminders
{
    /// <summary>
    /// No reminder service: grains cannot register reminders. Refused when the purge of abandoned sessions would need
    /// one (<c>SessionPurge:Enabled</c> with SQLite or PostgreSQL storage).
    /// </summary>
    None = 0,

    /// <summary>
    /// In process memory (the default): lost when the silo stops. Enough for the purge of abandoned sessions, whose one
    /// reminder every silo registers again when it starts. The table lives on one silo of the cluster, so a cluster of
    /// several silos should use <see cref="AdoNet"/>.
    /// </summary>
    Memory = 1,

    /// <summary>Orleans' ADO.NET reminder table on PostgreSQL (<c>ConnectionStrings:Sessions</c>).</summary>
    AdoNet = 2,
}
