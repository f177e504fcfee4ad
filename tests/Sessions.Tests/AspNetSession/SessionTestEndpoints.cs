using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sessions.Tests.AspNetSession;

/// <summary>The endpoints of <see cref="SessionTestApp"/>: plain <c>HttpContext.Session</c> code, as any app has.</summary>
internal sealed class SessionTestEndpoints
{
    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public int BarrierParticipants { get; set; }

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/nothing", () => "ok");
        app.MapGet("/set/{key}/{value}", (HttpContext http, string key, string value) =>
        {
            http.Session.SetString(key, value);
            return "ok";
        });
        app.MapGet("/get/{key}", (HttpContext http, string key) => http.Session.GetString(key) ?? "(null)");
        app.MapGet("/setint/{key}/{value:int}", (HttpContext http, string key, int value) =>
        {
            http.Session.SetInt32(key, value);
            return "ok";
        });
        app.MapGet("/getint/{key}", (HttpContext http, string key) => http.Session.GetInt32(key)?.ToString(CultureInfo.InvariantCulture) ?? "(null)");
        app.MapGet("/remove/{key}", (HttpContext http, string key) =>
        {
            http.Session.Remove(key);
            return "ok";
        });
        app.MapGet("/clear", (HttpContext http) =>
        {
            http.Session.Clear();
            return "ok";
        });
        app.MapGet("/keys", (HttpContext http) => string.Join(",", http.Session.Keys.Order(StringComparer.Ordinal)));
        app.MapGet("/id", (HttpContext http) => http.Session.Id);
        app.MapGet("/available", (HttpContext http) => http.Session.IsAvailable ? "yes" : "no");
        app.MapGet("/available-and-id", (HttpContext http) => (http.Session.IsAvailable ? "yes" : "no") + "|" + http.Session.Id);
        app.MapGet("/id-set-id/{key}/{value}", (HttpContext http, string key, string value) =>
        {
            var before = http.Session.Id;
            http.Session.SetString(key, value);
            return before + "|" + http.Session.Id;
        });
        app.MapGet("/id-remove-clear", (HttpContext http) =>
        {
            _ = http.Session.Id;
            http.Session.Remove("a");
            http.Session.Clear();
            return "ok";
        });
        app.MapGet("/mutate/{key}", (HttpContext http, string key) =>
        {
            http.Session.TryGetValue(key, out var bytes);
            Array.Fill(bytes!, (byte)'!');
            return http.Session.GetString(key);
        });
        MapLifecycleEndpoints(app);
    }

    private void MapLifecycleEndpoints(IEndpointRouteBuilder app)
    {
        app.MapGet("/set-then-abort/{key}/{value}", (HttpContext http, string key, string value) =>
        {
            http.Session.SetString(key, value);
            http.Abort();
            return "aborted";
        });
        app.MapGet("/set-then-throw/{key}/{value}", (HttpContext http, string key, string value) =>
        {
            http.Session.SetString(key, value);
            throw new InvalidOperationException("The app failed after writing to the session.");
        });
        app.MapGet("/set-then-commit-cancelled/{key}/{value}", async (HttpContext http, string key, string value) =>
        {
            http.Session.SetString(key, value);
            return await OutcomeAsync(http.Session.CommitAsync(new CancellationToken(canceled: true)));
        });
        app.MapGet("/load-cancelled", (Func<HttpContext, Task<string>>)(http => OutcomeAsync(http.Session.LoadAsync(new CancellationToken(canceled: true)))));
        app.MapGet("/load-then-set/{key}", async (HttpContext http, string key) =>
        {
            await http.Session.LoadAsync();
            if (Interlocked.Increment(ref _arrived) == BarrierParticipants)
            {
                _allArrived.SetResult();
            }

            await _allArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
            http.Session.SetString(key, "x");
            await http.Session.CommitAsync();
            return "ok";
        });
    }

    private static async Task<string> OutcomeAsync(Task operation)
    {
        try
        {
            await operation;
            return "completed";
        }
        catch (OperationCanceledException)
        {
            return "cancelled";
        }
    }
}
