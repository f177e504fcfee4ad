namespace Sessions.WebFrontend.Shop;

public sealed record CartLine(string Sku, string Name, int Qty, decimal Price);
