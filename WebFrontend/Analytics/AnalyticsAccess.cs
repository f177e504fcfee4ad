using Microsoft.Extensions.Options;

namespace Sessions.WebFrontend.Analytics;

/// <summary>
/// Who may see the analytics: anyone in Development; elsewhere a signed-in session with <see cref="AnalyticsOptions.Role"/>
/// (any signed-in session when it is empty).
/// </summary>
public sealed class AnalyticsAccess(IOptions<AnalyticsOptions> options, IHostEnvironment environment)
{
    public bool IsOpen => environment.IsDevelopment();

    public string Role => options.Value.Role;

    public bool Allows(SessionInfo? session) =>
        IsOpen || session is { IsSignedIn: true } && (Role.Length == 0 || session.IsInRole(Role));
}
