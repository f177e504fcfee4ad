using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Sessions.Tests.RequestLifetime;

/// <summary>
/// Watches who touches a request's response and lifetime features: between <see cref="WatchFromHere"/> and the end of
/// its scope, an access from any flow but the watching code's own (and what it awaits) is recorded with its stack.
/// That is work the request started earlier running beside the request's code, the way HttpContext must never be used.
/// </summary>
public sealed class ContextAccessRecorder
{
    private static readonly AsyncLocal<bool> OnWatchedFlow = new();
    private readonly ConcurrentQueue<string> _offFlow = new();
    private volatile bool _watching;

    public IReadOnlyCollection<string> OffFlowAccesses => _offFlow;

    /// <summary>Watches until disposed; the calling flow (and everything it awaits) is the request's own.</summary>
    public IDisposable WatchFromHere()
    {
        OnWatchedFlow.Value = true;
        _watching = true;
        return new Scope(this);
    }

    /// <summary>Middleware that puts the watching features in front of the server's for one request.</summary>
    public async Task InstallAsync(HttpContext http, RequestDelegate next)
    {
        var response = http.Features.GetRequiredFeature<IHttpResponseFeature>();
        var lifetime = http.Features.GetRequiredFeature<IHttpRequestLifetimeFeature>();
        http.Features.Set<IHttpResponseFeature>(new WatchedResponse(response, this));
        http.Features.Set<IHttpRequestLifetimeFeature>(new WatchedLifetime(lifetime, this));
        try
        {
            await next(http);
        }
        finally
        {
            http.Features.Set(response);
            http.Features.Set(lifetime);
        }
    }

    private void Touched(string member)
    {
        if (_watching && !OnWatchedFlow.Value)
        {
            _offFlow.Enqueue($"{member} from another flow:\n{Environment.StackTrace}");
        }
    }

    private sealed class Scope(ContextAccessRecorder owner) : IDisposable
    {
        public void Dispose() => owner._watching = false;
    }

    private sealed class WatchedLifetime(IHttpRequestLifetimeFeature inner, ContextAccessRecorder recorder) : IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted
        {
            get
            {
                recorder.Touched(nameof(RequestAborted));
                return inner.RequestAborted;
            }
            set => inner.RequestAborted = value;
        }

        public void Abort() => inner.Abort();
    }

    private sealed class WatchedResponse(IHttpResponseFeature inner, ContextAccessRecorder recorder) : IHttpResponseFeature
    {
        public int StatusCode { get => inner.StatusCode; set => inner.StatusCode = value; }

        public string? ReasonPhrase { get => inner.ReasonPhrase; set => inner.ReasonPhrase = value; }

        public IHeaderDictionary Headers { get => inner.Headers; set => inner.Headers = value; }

        [Obsolete("Use IHttpResponseBodyFeature.Stream.")]
        public Stream Body { get => inner.Body; set => inner.Body = value; }

        public bool HasStarted
        {
            get
            {
                recorder.Touched(nameof(HasStarted));
                return inner.HasStarted;
            }
        }

        public void OnStarting(Func<object, Task> callback, object state)
        {
            recorder.Touched(nameof(OnStarting));
            inner.OnStarting(callback, state);
        }

        public void OnCompleted(Func<object, Task> callback, object state) => inner.OnCompleted(callback, state);
    }
}
