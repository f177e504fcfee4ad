using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sessions.WebFrontend.Analytics;

namespace Sessions.WebFrontend.Pages;

/// <summary>The visit analytics dashboard: aggregates only, drawn as server-rendered SVG, refreshing itself.</summary>
public sealed class AnalyticsModel(AnalyticsAccess access, AnalyticsReader reader) : PageModel
{
    /// <summary>Seconds between the page's own reloads.</summary>
    public const int RefreshSeconds = 10;

    public AnalyticsReport Report { get; private set; } = null!;

    /// <summary>The tallest per-minute bar, for the chart's scale (at least 1).</summary>
    public long PerMinuteMax => Math.Max(1, Report.PerMinute.Max(m => Math.Max(m.Started, m.Ended)));

    public long TopPageMax => Math.Max(1, Report.TopPages.Count == 0 ? 1 : Report.TopPages.Max(p => p.Views));

    /// <summary>An SVG coordinate.</summary>
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!access.IsOpen)
        {
            var session = HttpContext.GetOrleansSession();
            await session.LoadAsync(cancellationToken);
            if (session.Info is not { IsSignedIn: true })
            {
                return LocalRedirect("/login?returnUrl=%2Fanalytics");
            }

            if (!access.Allows(session.Info))
            {
                return StatusCode(StatusCodes.Status403Forbidden);
            }
        }

        Report = await reader.ReadAsync(cancellationToken);
        Response.Headers["Refresh"] = RefreshSeconds.ToString(CultureInfo.InvariantCulture);
        return Page();
    }
}
