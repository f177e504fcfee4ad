namespace Sessions.WebFrontend.Shop;

/// <summary>A cart line read against the catalog: the product with its current name and price, and a valid quantity.</summary>
public sealed record PricedCartLine(Product Product, int Qty)
{
    public decimal Subtotal => Product.Price * Qty;
}
