using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Sessions.WebFrontend.Pages;

/// <summary>
/// The signed-in user's sessions (the per-user index): end one, the others, or all. Ending another session needs a
/// sign-in within <c>Auth:FreshAuthenticationWindow</c>; an older one is sent to sign in again.
/// </summary>
public sealed class SessionsModel(SessionGrains grains, IOptions<AuthOptions> auth, TimeProvider time) : PageModel
{
    public string UserId { get; private set; } = "";

    public string CurrentHandle { get; private set; } = "";

    public IReadOnlyList<SessionInfo> Sessions { get; private set; } = [];

    private OrleansSession Session => HttpContext.GetOrleansSession();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await SignedInAsync(cancellationToken))
        {
            return SignIn();
        }

        Sessions = await grains.Users(UserId).ListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync(string? handle, CancellationToken cancellationToken)
    {
        if (!await SignedInAsync(cancellationToken))
        {
            return SignIn();
        }

        if (handle == CurrentHandle)
        {
            await Session.EndAsync(SessionEndReason.Revoked, cancellationToken);
            return LocalRedirect("/");
        }

        if (!IsFresh())
        {
            return SignIn();
        }

        if (handle is not null)
        {
            await grains.Users(UserId).EndAsync(handle, SessionEndReason.Revoked, cancellationToken);
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndOthersAsync(CancellationToken cancellationToken) => await EndAllAsync(keepCurrent: true, cancellationToken);

    public async Task<IActionResult> OnPostEndAllAsync(CancellationToken cancellationToken) => await EndAllAsync(keepCurrent: false, cancellationToken);

    private async Task<IActionResult> EndAllAsync(bool keepCurrent, CancellationToken cancellationToken)
    {
        if (!await FreshlySignedInAsync(cancellationToken))
        {
            return SignIn();
        }

        await grains.Users(UserId).EndAllAsync(CurrentHandle, SessionEndReason.Revoked, cancellationToken);
        if (keepCurrent)
        {
            return RedirectToPage();
        }

        await Session.EndAsync(SessionEndReason.Revoked, cancellationToken);
        return LocalRedirect("/");
    }

    private async Task<bool> SignedInAsync(CancellationToken cancellationToken)
    {
        await Session.LoadAsync(cancellationToken);
        if (Session.Info is not { UserId: { } userId })
        {
            return false;
        }

        (UserId, CurrentHandle) = (userId, Session.Id);
        return true;
    }

    private async Task<bool> FreshlySignedInAsync(CancellationToken cancellationToken) => await SignedInAsync(cancellationToken) && IsFresh();

    private bool IsFresh() => FreshAuthentication.IsFresh(Session.Info!, time.GetUtcNow(), auth.Value.FreshAuthenticationWindow);

    private IActionResult SignIn() => LocalRedirect("/login?returnUrl=%2Faccount%2Fsessions");
}
