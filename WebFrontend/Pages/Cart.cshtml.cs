using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sessions.WebFrontend.Shop;

namespace Sessions.WebFrontend.Pages;

/// <summary>The session's cart: change a quantity (0 removes the line), remove a line.</summary>
public sealed class CartModel : PageModel
{
    public CartDocument Cart { get; private set; } = CartDocument.Empty;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Cart = await ReadAsync(cancellationToken);

    public Task<IActionResult> OnPostQuantityAsync(string? sku, int qty, CancellationToken cancellationToken) =>
        ChangeAsync(sku, Math.Clamp(qty, 0, CartDocument.MaxQuantity), cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(string? sku, CancellationToken cancellationToken) => ChangeAsync(sku, 0, cancellationToken);

    private async Task<IActionResult> ChangeAsync(string? sku, int qty, CancellationToken cancellationToken)
    {
        if (Catalog.Find(sku) is not { } product)
        {
            return BadRequest();
        }

        var cart = await ReadAsync(cancellationToken);
        await HttpContext.GetOrleansSession().WriteAsync(CartDocument.SessionKey, cart.WithQuantity(product, qty), cancellationToken);
        return RedirectToPage();
    }

    private async Task<CartDocument> ReadAsync(CancellationToken cancellationToken) =>
        await HttpContext.GetOrleansSession().ReadAsync<CartDocument>(CartDocument.SessionKey, cancellationToken) ?? CartDocument.Empty;
}
