using Sessions.AspNetCore;
using Sessions.Configuration;
using Sessions.Hosting;

try
{
    var builder = WebApplication.CreateBuilder(args);

    // 1. Where the session grains run: in this process (embedded; state in data/sessions.db) or in a silo cluster.
    if (builder.Configuration["Frontend:Mode"] == "Client")
    {
        builder.AddSessionsClient();
    }
    else
    {
        builder.AddSessionsSilo();
    }

    // 2. HttpContext.Session on Sessions, in place of AddSession() and its distributed cache.
    builder.Services.AddOrleansSessions();
    builder.Services.AddHealthChecks().AddSessionsHealthChecks();

    var app = builder.Build();
    app.UseExceptionHandler();   // limits answer 429 problem+json, an unreachable cluster 503
    app.UseOrleansSessions();    // in place of UseSession()
    app.MapSessionsHealthChecks(); // /healthz, and /readyz: the session grains answer

    // The app's own code, unchanged: it keeps a cart in HttpContext.Session as it did on Redis.
    app.MapGet("/cart", (HttpContext http) => http.Session.GetString("cart") ?? "");
    app.MapPost("/cart/{item}", (HttpContext http, string item) =>
    {
        var cart = http.Session.GetString("cart");
        http.Session.SetString("cart", cart is null ? item : $"{cart},{item}");
        return Results.NoContent();
    });
    app.Run();
    return 0;
}
catch (Exception exception) when (StartupFailure.Describe(exception) is { } message)
{
    // 3. A missing secret or a bad setting: one line naming the key, not a stack trace.
    Console.Error.WriteLine($"ExistingApp: {message}");
    return 1;
}
