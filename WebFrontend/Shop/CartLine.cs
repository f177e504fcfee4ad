namespace Sessions.WebFrontend.Shop;

/// <summary>A cart line as the session keeps it: which product and how many, never a name or a price.</summary>
public sealed record CartLine(string Sku, int Qty);
