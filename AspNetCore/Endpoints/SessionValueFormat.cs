using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Sessions.AspNetCore;

/// <summary>
/// Values are stored as bytes. The REST API takes UTF-8 text or JSON and shows a stored value as JSON when it
/// parses as JSON, as a string when it is other UTF-8 text, and as base64 otherwise (binary set through ISession).
/// </summary>
internal static class SessionValueFormat
{
    /// <summary>
    /// Deepest nesting of a value shown as JSON: the session document puts values two levels down (document, items),
    /// and it is written with System.Text.Json's default depth limit of 64.
    /// </summary>
    public const int MaxJsonDepth = 62;

    /// <summary>
    /// True when <paramref name="value"/> is JSON that the session document can render as it is: well-formed, valid
    /// UTF-8 throughout, at most <see cref="MaxJsonDepth"/> deep, and with no escape that stands for invalid UTF-16 (a
    /// lone surrogate such as <c>"\ud800"</c>). Anything else is refused as JSON and shown as text or base64.
    /// </summary>
    public static bool IsJson(ReadOnlySpan<byte> value)
    {
        // Most text is told apart by its first byte, without the JsonException the reader throws on it.
        var start = value.TrimStart(" \t\r\n"u8);
        if (start.IsEmpty || start[0] is not ((byte)'{' or (byte)'[' or (byte)'"' or (byte)'-' or (>= (byte)'0' and <= (byte)'9') or (byte)'t' or (byte)'f' or (byte)'n'))
        {
            return false;
        }

        if (!Utf8.IsValid(value))
        {
            return false;
        }

        var reader = new Utf8JsonReader(value, new JsonReaderOptions { MaxDepth = MaxJsonDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.ValueIsEscaped && reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    _ = reader.GetString(); // throws on an escaped lone surrogate
                }
            }

            return true;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
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
