using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Sessions.AspNetCore;
using Sessions.WebFrontend.Hosting;

namespace Sessions.WebFrontend.Auth;

/// <summary><c>/api/auth</c> (login, logout), <c>/api/me</c> (the user's own sessions) and <c>/api/admin</c>.</summary>
public static class AuthEndpoints
{
    public const string AdminRole = "admin";
    public const string LoginRateLimitPolicy = "login";

    private const int MaxLoginBodyBytes = 4096;
    private const string LogCategory = "Sessions.WebFrontend.Auth";

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth").WithMetadata(SessionDataResponse.Instance).WithoutSessionPreload();
        auth.MapPost("/login", LoginAsync).WithName("Login").RequireRateLimiting(LoginRateLimitPolicy);
        auth.MapPost("/logout", LogoutAsync).WithName("Logout");

        var me = app.MapGroup("/api/me").WithTags("Me").WithMetadata(SessionDataResponse.Instance).RequireSessionUser();
        me.MapGet("/", GetMe).WithName("GetMe");
        me.MapGet("/sessions", ListSessionsAsync).WithName("ListMySessions");
        me.MapDelete("/sessions/{handle}", EndSessionAsync).WithName("EndMySession").RequireFreshAuthentication();
        me.MapDelete("/sessions", EndAllSessionsAsync).WithName("EndAllMySessions").RequireFreshAuthentication();

        var admin = app.MapGroup("/api/admin").WithTags("Admin").RequireSessionUser(AdminRole);
        admin.MapDelete("/users/{userId}/sessions", EndUserSessionsAsync).WithName("EndUserSessions").RequireFreshAuthentication();
        admin.MapDelete("/sessions", EndEverySessionAsync).WithName("EndEverySession").RequireFreshAuthentication();
        admin.MapGet("/cluster", GetClusterAsync).WithName("GetCluster");
        return app;
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(
        HttpContext http, SessionLoginFlow login, CancellationToken cancellationToken)
    {
        if (!http.Request.HasJsonContentType())
        {
            return AuthProblems.LoginNotJson();
        }

        var body = await RequestBody.ReadAsync(http.Request, MaxLoginBodyBytes, cancellationToken);
        if (Parse(body) is not ({ } userName, { } password))
        {
            return AuthProblems.BadLogin(
                $"Send JSON {{ \"userName\", \"password\" }}: non-empty strings of at most {LoginRequest.MaxUserNameLength} and {LoginRequest.MaxPasswordLength} characters, at most {MaxLoginBodyBytes} bytes in all.");
        }

        return await login.SignInAsync(http, userName, password, cancellationToken) is { } info
            ? TypedResults.Ok(new LoginResponse(info.UserId!, info.ExpiresAt))
            : AuthProblems.InvalidCredentials();
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http, CancellationToken cancellationToken)
    {
        await http.GetOrleansSession().EndAsync(SessionEndReason.Logout, cancellationToken);
        return TypedResults.NoContent();
    }

    private static Ok<MeResponse> GetMe(HttpContext http)
    {
        var session = http.GetOrleansSession();
        var info = session.SignedIn();
        return TypedResults.Ok(new MeResponse(
            info.UserId!, info.Roles.IsDefault ? [] : info.Roles, session.Id, info.AuthenticatedAt, info.AuthenticationMethod));
    }

    private static async Task<Ok<UserSessionItem[]>> ListSessionsAsync(HttpContext http, SessionGrains grains, CancellationToken cancellationToken)
    {
        var session = http.GetOrleansSession();
        var current = session.SignedIn();
        var sessions = await grains.Users(current.UserId!).ListAsync(cancellationToken);
        return TypedResults.Ok(sessions
            .Select(s => new UserSessionItem(s.Handle, s.CreatedAt, s.LastAccessedAt, s.UserAgent, s.ClientAddress, s.Handle == session.Id))
            .ToArray());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EndSessionAsync(
        string handle, HttpContext http, SessionGrains grains, CancellationToken cancellationToken)
    {
        var session = http.GetOrleansSession();
        var current = session.SignedIn();
        if (handle == session.Id)
        {
            await session.EndAsync(SessionEndReason.Revoked, cancellationToken);
            return TypedResults.NoContent();
        }

        return await grains.Users(current.UserId!).EndAsync(handle, SessionEndReason.Revoked, cancellationToken)
            ? TypedResults.NoContent()
            : AuthProblems.NoSuchSession(handle);
    }

    private static async Task<NoContent> EndAllSessionsAsync(
        bool? keepCurrent, HttpContext http, SessionGrains grains, CancellationToken cancellationToken)
    {
        var session = http.GetOrleansSession();
        var current = session.SignedIn();
        await grains.EndUserSessionsAsync(current.UserId!, exceptHandle: session.Id, SessionEndReason.Revoked, cancellationToken);
        if (keepCurrent != true)
        {
            await session.EndAsync(SessionEndReason.Revoked, cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static async Task<NoContent> EndUserSessionsAsync(
        string userId, HttpContext http, SessionGrains grains, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var admin = http.GetOrleansSession().SignedIn();
        var logger = logs.CreateLogger(LogCategory);
        await grains.EndUserSessionsAsync(userId, exceptHandle: null, SessionEndReason.AdminEnded, cancellationToken);
        logger.AdminEndedUserSessions(admin.UserId!, LogText.Escaped(userId));
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ClusterView>> GetClusterAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await grains.GetGrain<IClusterViewGrain>(0).GetAsync(cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> EndEverySessionAsync(
        HttpContext http, SessionGrains grains, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var admin = http.GetOrleansSession().SignedIn();
        var logger = logs.CreateLogger(LogCategory);
        var outcome = await grains.Epoch().EndAllAsync(cancellationToken);
        logger.AdminEndedAllSessions(admin.UserId!, outcome.Generation);
        if (!outcome.Confirmed)
        {
            http.Response.Headers.RetryAfter = "1";
            return AuthProblems.EndAllUnconfirmed(outcome);
        }

        return TypedResults.NoContent();
    }

    private static (string? UserName, string? Password) Parse(byte[]? body)
    {
        if (body is null || body.Length == 0)
        {
            return default;
        }

        try
        {
            var login = JsonSerializer.Deserialize<LoginRequest>(body, JsonSerializerOptions.Web);
            return login is { UserName.Length: > 0 and <= LoginRequest.MaxUserNameLength, Password.Length: > 0 and <= LoginRequest.MaxPasswordLength }
                ? (login.UserName, login.Password)
                : default;
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
