namespace Sessions.AspNetCore;

/// <summary>Endpoint metadata: the response carries session data and must not be stored by any cache.</summary>
public sealed class SessionDataResponse
{
    public static readonly SessionDataResponse Instance = new();

    private SessionDataResponse()
    {
    }
}
