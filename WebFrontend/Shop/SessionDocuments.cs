using System.Text.Json;

namespace Sessions.WebFrontend.Shop;

/// <summary>JSON documents kept in the session (cart, checkout), read and written as the REST API shows them.</summary>
public static class SessionDocuments
{
    public static async Task<T?> ReadAsync<T>(this OrleansSession session, string key, CancellationToken cancellationToken)
        where T : class
    {
        if (await session.GetValueAsync(key, cancellationToken) is not { } value)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(value.Span, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null; // written by something else through the API: start over
        }
    }

    /// <summary>Stores <paramref name="document"/> and commits, so the next request (a redirect) sees it.</summary>
    public static Task WriteAsync<T>(this OrleansSession session, string key, T document, CancellationToken cancellationToken)
    {
        session.Set(key, JsonSerializer.SerializeToUtf8Bytes(document, JsonSerializerOptions.Web));
        return session.CommitAsync(cancellationToken);
    }
}
