using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sessions.WebFrontend.Shop;

namespace Sessions.WebFrontend.Pages;

/// <summary>The catalog; "Add to cart" puts one more of a product into the session's cart.</summary>
public sealed class ShopModel : PageModel
{
    public CartDocument Cart { get; private set; } = CartDocument.Empty;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Cart = await HttpContext.GetOrleansSession().ReadAsync<CartDocument>(CartDocument.SessionKey, cancellationToken) ?? CartDocument.Empty;

    public async Task<IActionResult> OnPostAddAsync(string? sku, CancellationToken cancellationToken)
    {
        if (Catalog.Find(sku) is not { } product)
        {
            return BadRequest();
        }

        var session = HttpContext.GetOrleansSession();
        var cart = await session.ReadAsync<CartDocument>(CartDocument.SessionKey, cancellationToken) ?? CartDocument.Empty;
        await session.WriteAsync(CartDocument.SessionKey, cart.Add(product), cancellationToken);
        return RedirectToPage();
    }
}
