using System.Text.Json.Serialization;

namespace Sessions.WebFrontend.Shop;

/// <summary>The cart as the session keeps it under <see cref="SessionKey"/>: <c>{ "lines": [{ "sku", "name", "qty", "price" }] }</c>.</summary>
/// <remarks>The REST API can store any JSON under the key: missing or null lines read as an empty cart.</remarks>
public sealed record CartDocument(IReadOnlyList<CartLine>? Lines)
{
    public IReadOnlyList<CartLine> Lines { get; init; } = Lines?.Where(l => l is not null).ToList() ?? [];

    public const string SessionKey = "cart";

    public const int MaxQuantity = 99;

    public static CartDocument Empty { get; } = new([]);

    [JsonIgnore]
    public decimal Total => Lines.Sum(l => l.Qty * l.Price);

    [JsonIgnore]
    public int Count => Lines.Sum(l => l.Qty);

    public CartDocument Add(Product product) =>
        WithQuantity(product, (Lines.FirstOrDefault(l => l.Sku == product.Sku)?.Qty ?? 0) + 1);

    /// <summary>The cart with <paramref name="product"/> at <paramref name="qty"/> (0 removes it; capped at <see cref="MaxQuantity"/>).</summary>
    public CartDocument WithQuantity(Product product, int qty)
    {
        var lines = Lines.Where(l => l.Sku != product.Sku).ToList();
        if (qty > 0)
        {
            var at = Lines.ToList().FindIndex(l => l.Sku == product.Sku);
            var line = new CartLine(product.Sku, product.Name, Math.Min(qty, MaxQuantity), product.Price);
            lines.Insert(at >= 0 ? at : lines.Count, line);
        }

        return new CartDocument(lines);
    }
}
