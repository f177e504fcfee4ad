namespace Sessions.WebFrontend.Shop;

/// <summary>
/// Checkout progress as the session keeps it under <see cref="SessionKey"/>: <c>{ "step": n, "address", "delivery" }</c>,
/// so a visitor who leaves at step 2 comes back to step 2.
/// </summary>
/// <remarks>
/// The REST API can store any JSON under the key, so the step is only what the visitor claims: <see cref="Checked"/>
/// puts it back to the first step whose data is missing or fails the server's rules, and only a checked step 3 can be
/// confirmed.
/// </remarks>
public sealed record CheckoutDocument(int Step, CheckoutAddress? Address, string? Delivery)
{
    public const string SessionKey = "checkout";

    public const int Steps = 3;

    public static CheckoutDocument Start { get; } = new(1, null, null);

    public static IReadOnlyList<string> DeliveryOptions { get; } = ["standard", "express"];

    /// <summary>The furthest step this progress supports: 1 without a valid address, 2 without a known delivery option.</summary>
    public int ReachableStep =>
        Address is null || !Address.IsValid() ? 1
        : Delivery is null || !DeliveryOptions.Contains(Delivery) ? 2
        : Steps;

    /// <summary>This progress at a step within 1..<see cref="ReachableStep"/>.</summary>
    public CheckoutDocument Checked() => this with { Step = Math.Clamp(Step, 1, ReachableStep) };
}
