namespace Sessions.Silo;

/// <summary>Where reminders (durable, periodic grain wake-ups) are kept.</summary>
public enum SiloReminders
{
    /// <summary>No reminder service: grains cannot register reminders.</summary>
    None = 0,

    /// <summary>In process memory: lost when the silo stops. For development and tests.</summary>
    Memory = 1,

    /// <summary>Orleans' ADO.NET reminder table on PostgreSQL (<see cref="SiloHostingOptions.PostgresConnectionString"/>).</summary>
    AdoNet = 2,
}
