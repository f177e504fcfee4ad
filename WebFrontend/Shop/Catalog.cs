namespace Sessions.WebFrontend.Shop;

/// <summary>The demo shop's products.</summary>
public static class Catalog
{
    public static IReadOnlyList<Product> Products { get; } =
    [
        new("book-orleans", "Distributed Systems with Orleans", 39.00m),
        new("book-aspnet", "ASP.NET Core in Depth", 45.50m),
        new("mug-grain", "Virtual Grain Mug", 12.00m),
        new("sticker-silo", "Silo Sticker Pack", 4.25m),
        new("tee-cluster", "Cluster T-Shirt", 21.90m),
    ];

    public static Product? Find(string? sku) => Products.FirstOrDefault(p => p.Sku == sku);
}
