using System.Text.Json;
using System.Text.Unicode;

namespace Sessions.Bench.CeilingApp;

/// <summary>
/// The content type of a stored value, decided on every read as the WebFrontend's item endpoint decides it: JSON when
/// the bytes are valid UTF-8 and read through as JSON, else UTF-8 text, else binary.
/// </summary>
public static class ValueContentType
{
    public static string Of(ReadOnlySpan<byte> value)
    {
        if (!Utf8.IsValid(value))
        {
            return "application/octet-stream";
        }

        return IsJson(value) ? "application/json" : "text/plain; charset=utf-8";
    }

    private static bool IsJson(ReadOnlySpan<byte> value)
    {
        var reader = new Utf8JsonReader(value);
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
}
