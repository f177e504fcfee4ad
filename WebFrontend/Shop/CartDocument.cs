using System.Text.Json.Serialization;

namespace Sessions.WebFrontend.Shop;

/// <summary>
/// The cart as the session keeps it under <see cref="SessionKey"/>: <c>{ "lines": [{ "sku", "qty" }] }</c>, what the
/// visitor chose and nothing it costs.
/// </summary>
/// <remarks>
/// The REST API can store any JSON under the key, so the cart is always read against the catalog
/// (<see cref="Priced"/>): names and prices come from <see cref="Catalog"/>, unknown products and empty lines drop out,
/// quantities stay within 1..<see cref="MaxQuantity"/>, and a product listed twice counts once. Fields a client adds
/// (a <c>price</c>, say) are ignored.
/// </remarks>
public sealed record CartDocument(IReadOnlyList<CartLine>? Lines)
{
    public IReadOnlyList<CartLine> Lines { get; init; } = Lines?.Where(l => l is not null).ToList() ?? [];

    public const string SessionKey = "cart";

    public const int MaxQuantity = 99;

    public static CartDocument Empty { get; } = new([]);

    /// <summary>The lines as the shop sells them: catalog products at catalog prices.</summary>
    [JsonIgnore]
    public IReadOnlyList<PricedCartLine> Priced =>
        Lines.Where(l => l.Qty > 0)
            .Select(l => (Product: Catalog.Find(l.Sku), l.Qty))
            .Where(l => l.Product is not null)
            .DistinctBy(l => l.Product!.Sku)
            .Select(l => new PricedCartLine(l.Product!, Math.Min(l.Qty, MaxQuantity)))
            .ToList();

    [JsonIgnore]
    public decimal Total => Priced.Sum(l => l.Subtotal);

    [JsonIgnore]
    public int Count => Priced.Sum(l => l.Qty);

    public CartDocument Add(Product product) =>
        WithQuantity(product, (Priced.FirstOrDefault(l => l.Product.Sku == product.Sku)?.Qty ?? 0) + 1);

    /// <summary>The cart with <paramref name="product"/> at <paramref name="qty"/> (0 removes it; capped at <see cref="MaxQuantity"/>).</summary>
    public CartDocument WithQuantity(Product product, int qty)
    {
        var lines = Priced.Where(l => l.Product.Sku != product.Sku).Select(l => new CartLine(l.Product.Sku, l.Qty)).ToList();
        if (qty > 0)
        {
            var at = Priced.ToList().FindIndex(l => l.Product.Sku == product.Sku);
            lines.Insert(at >= 0 ? at : lines.Count, new CartLine(product.Sku, Math.Min(qty, MaxQuantity)));
        }

        return new CartDocument(lines);
    }
}
