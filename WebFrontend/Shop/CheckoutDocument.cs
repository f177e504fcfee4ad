namespace Sessions.WebFrontend.Shop;

/// <summary>
/// Checkout progress as the session keeps it under <see cref="SessionKey"/>: <c>{ "step": n, "address", "delivery" }</c>,
/// so a visitor who leaves at step 2 comes back to step 2.
/// </summary>
public sealed record CheckoutDocument(int Step, CheckoutAddress? Address, string? Delivery)
{
    public const string SessionKey = "checkout";

    public const int Steps = 3;

    public static CheckoutDocument Start { get; } = new(1, null, null);

    public static IReadOnlyList<string> DeliveryOptions { get; } = ["standard", "express"];
}
