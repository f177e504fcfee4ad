using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Sessions.WebFrontend.Auth;

namespace Sessions.WebFrontend.Pages;

/// <summary>The login form: the same flow as <c>POST /api/auth/login</c> (rotation, login throttle, rate limit).</summary>
[EnableRateLimiting(AuthEndpoints.LoginRateLimitPolicy)]
public sealed class LoginModel(SessionLoginFlow login) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your user name.")]
    [StringLength(LoginRequest.MaxUserNameLength)]
    [Display(Name = "User name")]
    public string? UserName { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(LoginRequest.MaxPasswordLength)]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Failed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await login.SignInAsync(HttpContext, UserName!, Password!, cancellationToken) is null)
        {
            Failed = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
