namespace Sessions.AspNetCore;

/// <summary>Where the silo the frontend talks to runs.</summary>
public enum FrontendMode
{
    /// <summary>In this process (co-hosted silo); the development default.</summary>
    Embedded = 0,

    /// <summary>In separate Silo processes; this process is an Orleans client.</summary>
    Client = 1,
}
