using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Sessions.Tests.RequestLifetime;

/// <summary>
/// Checks that no session load outlives the request that started it: a startup filter marks each request's flow, the
/// <see cref="InterceptedGrainFactory"/> counts the loads each request has in flight, and when the server completes a
/// request (its first-registered <c>OnCompleted</c>, which runs last) none may still run. A load that starts after
/// that counts too.
/// </summary>
public sealed class RequestWorkTracker : IStartupFilter
{
    private static readonly AsyncLocal<Request?> Current = new();

    public ConcurrentQueue<string> Outlived { get; } = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, nextMiddleware) =>
        {
            var request = new Request($"{http.Request.Method} {http.Request.Path}");
            Current.Value = request;
            http.Response.OnCompleted(() =>
            {
                request.Complete(Outlived);
                return Task.CompletedTask;
            });
            await nextMiddleware(http);
        });
        next(app);
    };

    /// <summary>A session load starts on the current request's behalf; dispose the result when it ends.</summary>
    internal IDisposable LoadStarted() => Current.Value is { } request ? request.Started(Outlived) : NoRequest.Instance;

    private sealed class Request(string name)
    {
        private int _inFlight;
        private volatile bool _completed;

        public IDisposable Started(ConcurrentQueue<string> outlived)
        {
            if (_completed)
            {
                outlived.Enqueue($"{name}: a session load started after the request had completed");
            }

            Interlocked.Increment(ref _inFlight);
            return new Load(this);
        }

        public void Complete(ConcurrentQueue<string> outlived)
        {
            _completed = true;
            if (Volatile.Read(ref _inFlight) > 0)
            {
                outlived.Enqueue($"{name}: its session load was still running when the request completed");
            }
        }

        private sealed class Load(Request request) : IDisposable
        {
            public void Dispose() => Interlocked.Decrement(ref request._inFlight);
        }
    }

    private sealed class NoRequest : IDisposable
    {
        public static readonly NoRequest Instance = new();

        public void Dispose()
        {
        }
    }
}
