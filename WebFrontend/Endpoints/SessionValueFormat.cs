using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Sessions.WebFrontend.Endpoints;

/// <summary>
/// Values are stored as bytes. The REST API takes UTF-8 text or JSON and shows a stored value as JSON when it
/// parses as JSON, as a string when it is other UTF-8 text, and as base64 otherwise (binary set through ISession).
/// </summary>
internal static class SessionValueFormat
{
    public static bool IsJson(ReadOnlySpan<byte> value)
    {
        // Most text is told apart by its first byte, without the JsonException the reader throws on it.
        var start = value.TrimStart(" \t\r\n"u8);
        if (start.IsEmpty || start[0] is not ((byte)'{' or (byte)'[' or (byte)'"' or (byte)'-' or (>= (byte)'0' and <= (byte)'9') or (byte)'t' or (byte)'f' or (byte)'n'))
        {
            return false;
        }

        var reader = new Utf8JsonReader(value, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static bool IsText(ReadOnlySpan<byte> value) => Utf8.IsValid(value);

    public static JsonElement ToJson(ReadOnlyMemory<byte> value)
    {
        if (IsJson(value.Span))
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.Clone();
        }

        return JsonSerializer.SerializeToElement(IsText(value.Span) ? Encoding.UTF8.GetString(value.Span) : Convert.ToBase64String(value.Span));
    }

    public static string ContentTypeOf(ReadOnlySpan<byte> value) =>
        IsJson(value) ? "application/json" : IsText(value) ? "text/plain; charset=utf-8" : "application/octet-stream";
}
