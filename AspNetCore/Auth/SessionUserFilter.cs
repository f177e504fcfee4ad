namespace Sessions.AspNetCore;

public static class SessionUserFilter
{
    /// <summary>
    /// Lets only requests whose session is signed in through (else 401 problem+json), and with <paramref name="role"/>
    /// only users in that role (else 403). The session's user and roles are the ones the login stored beside it.
    /// </summary>
    public static TBuilder RequireSessionUser<TBuilder>(this TBuilder builder, string? role = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var session = context.HttpContext.GetOrleansSession();
            await session.LoadAsync(context.HttpContext.RequestAborted);
            if (session.Info is not { IsSignedIn: true } info)
            {
                return SessionUserProblems.NotSignedIn();
            }

            return role is null || info.IsInRole(role) ? await next(context) : SessionUserProblems.Forbidden(role);
        });

    /// <summary>The signed-in session of a request that passed <see cref="RequireSessionUser{TBuilder}"/>.</summary>
    public static SessionInfo SignedIn(this OrleansSession session) =>
        session.Info is { IsSignedIn: true } info ? info : throw new InvalidOperationException("The endpoint needs RequireSessionUser().");
}
