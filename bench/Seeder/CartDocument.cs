using System.Globalization;
using System.Text;

namespace Sessions.Bench.Seeder;

/// <summary>A shopping-cart JSON document of an exact size, different for every session index.</summary>
public static class CartDocument
{
    public static byte[] Create(int index, int size)
    {
        var json = new StringBuilder(size + 64);
        json.Append(CultureInfo.InvariantCulture, $"{{\"cartId\":\"cart-{index:D8}\",\"currency\":\"EUR\",\"items\":[");
        for (var line = 0; line < 6; line++)
        {
            json.Append(CultureInfo.InvariantCulture,
                $"{(line == 0 ? "" : ",")}{{\"sku\":\"SKU-{(index * 7 + line) % 100_000:D5}\",\"qty\":{line % 3 + 1},\"price\":{(line + 1) * 4.75m:F2}}}");
        }

        json.Append("],\"note\":\"");
        var padding = size - Encoding.UTF8.GetByteCount(json.ToString()) - "\"}".Length;
        if (padding < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "too small for a cart");
        }

        json.Append('x', padding).Append("\"}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }
}
