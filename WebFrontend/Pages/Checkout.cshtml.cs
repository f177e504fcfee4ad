using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sessions.WebFrontend.Shop;

namespace Sessions.WebFrontend.Pages;

/// <summary>
/// A three-step form (address, delivery, confirm) whose progress lives in the session under <c>checkout</c>: each step
/// is validated on its own, and a visitor who leaves comes back to the step they reached. Which step that is, and what
/// the order costs, the server decides: the step is checked against the data of the steps before it, and the cart is
/// priced from the catalog.
/// </summary>
public sealed class CheckoutModel : PageModel
{
    public CheckoutDocument Progress { get; private set; } = CheckoutDocument.Start;

    public CheckoutAddress Address { get; private set; } = new();

    public string? Delivery { get; private set; }

    public CartDocument Cart { get; private set; } = CartDocument.Empty;

    public bool Placed { get; private set; }

    private OrleansSession Session => HttpContext.GetOrleansSession();

    /// <summary>"true" for <c>aria-invalid</c> when <paramref name="key"/> failed validation, else null (no attribute).</summary>
    public string? Invalid(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? "true" : null;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddressAsync(CheckoutAddress address, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Address = address;
        if (!ModelState.IsValid)
        {
            Progress = Progress with { Step = 1 };
            return Page();
        }

        return await SaveAsync(Progress with { Step = 2, Address = address }, cancellationToken);
    }

    public async Task<IActionResult> OnPostDeliveryAsync(string? delivery, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Progress.ReachableStep < 2)
        {
            return await SaveAsync(CheckoutDocument.Start, cancellationToken);
        }

        if (delivery is null || !CheckoutDocument.DeliveryOptions.Contains(delivery))
        {
            ModelState.AddModelError(nameof(Delivery), "Choose a delivery option.");
            Progress = Progress with { Step = 2 };
            return Page();
        }

        return await SaveAsync(Progress with { Step = 3, Delivery = delivery }, cancellationToken);
    }

    public async Task<IActionResult> OnPostBackAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return await SaveAsync(Progress with { Step = Math.Max(1, Progress.Step - 1) }, cancellationToken);
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Progress.Step != CheckoutDocument.Steps)
        {
            return RedirectToPage();
        }

        Session.Remove(CartDocument.SessionKey);
        Session.Remove(CheckoutDocument.SessionKey);
        await Session.CommitAsync(cancellationToken);
        Placed = true;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await Session.ReadAsync<CheckoutDocument>(CheckoutDocument.SessionKey, cancellationToken) ?? CheckoutDocument.Start;
        Progress = stored.Checked(); // a step written through the API counts only as far as its data holds
        Address = Progress.Address ?? new CheckoutAddress();
        Delivery = Progress.Delivery;
        Cart = await Session.ReadAsync<CartDocument>(CartDocument.SessionKey, cancellationToken) ?? CartDocument.Empty;
    }

    private async Task<IActionResult> SaveAsync(CheckoutDocument progress, CancellationToken cancellationToken)
    {
        await Session.WriteAsync(CheckoutDocument.SessionKey, progress, cancellationToken);
        return RedirectToPage();
    }
}
