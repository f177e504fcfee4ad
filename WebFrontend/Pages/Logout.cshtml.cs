using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Sessions.WebFrontend.Pages;

/// <summary>Sign-out (the form on every page): the session is ended server-side and its cookie cleared.</summary>
public sealed class LogoutModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await HttpContext.GetOrleansSession().EndAsync(SessionEndReason.Logout, cancellationToken);
        return LocalRedirect("/");
    }
}
