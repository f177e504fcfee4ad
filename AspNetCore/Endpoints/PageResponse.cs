namespace Sessions.AspNetCore;

/// <summary>Endpoint metadata: the response is an HTML page, so its content security policy allows our own styles and forms.</summary>
public sealed class PageResponse
{
    public static readonly PageResponse Instance = new();

    private PageResponse()
    {
    }
}
