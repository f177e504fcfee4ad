using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>
/// Sensitive actions (ASVS 7.5.1, 7.5.3) need a recent sign-in, not just a signed-in session: the session records when
/// its user last authenticated (<see cref="SessionInfo.AuthenticatedAt"/>, renewed by every login, not by ID renewals)
/// and how (<see cref="SessionInfo.AuthenticationMethod"/>).
/// </summary>
public static class FreshAuthentication
{
    /// <summary>
    /// Lets through only requests whose session is signed in (else 401) and authenticated within <paramref name="within"/>
    /// (default <c>Auth:FreshAuthenticationWindow</c>); an older sign-in answers 401 problem+json with reason
    /// <c>stale_authentication</c>, which an app turns into a new login. With <paramref name="methods"/>, the sign-in
    /// must also have used one of them (<see cref="SessionLogin.AuthenticationMethod"/>, e.g. <c>password</c> and not
    /// a remembered device); another answers 401 with reason <c>authentication_method</c>.
    /// </summary>
    public static TBuilder RequireFreshAuthentication<TBuilder>(
        this TBuilder builder, TimeSpan? within = null, IReadOnlyCollection<string>? methods = null)
        where TBuilder : IEndpointConventionBuilder
    {
        var accepted = methods is null ? null : new HashSet<string>(methods, StringComparer.Ordinal);
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var session = http.GetOrleansSession();
            await session.LoadAsync(http.RequestAborted);
            if (session.Info is not { IsSignedIn: true } info)
            {
                return SessionUserProblems.NotSignedIn();
            }

            var window = within ?? http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.FreshAuthenticationWindow;
            var age = Age(info, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
            if (age > window)
            {
                return SessionUserProblems.StaleAuthentication(window, age);
            }

            return accepted is null || (info.AuthenticationMethod is { } method && accepted.Contains(method))
                ? await next(context)
                : SessionUserProblems.OtherAuthenticationMethod(accepted);
        });
    }

    /// <summary>Whether <paramref name="session"/>'s user signed in within <paramref name="window"/> before <paramref name="now"/>.</summary>
    public static bool IsFresh(SessionInfo session, DateTimeOffset now, TimeSpan window) => Age(session, now) <= window;

    // A session without a recorded sign-in (stored by an older release) counts as never freshly authenticated.
    private static TimeSpan Age(SessionInfo session, DateTimeOffset now) =>
        session.AuthenticatedAt is { } at ? now - at : TimeSpan.MaxValue;
}
