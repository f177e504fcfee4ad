namespace Sessions.WebFrontend.Shop;

public sealed record Product(string Sku, string Name, decimal Price);
