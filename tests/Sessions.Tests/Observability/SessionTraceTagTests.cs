using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sessions.Tests.Observability;

/// <summary>Traces of requests carry <c>session.id</c> as the session's handle (a keyed hash), never its ID or cookie.</summary>
[Collection(AuthClusterCollection.Name)]
public sealed class SessionTraceTagTests(AuthClusterFixture cluster)
{
    [Fact]
    public async Task ARequestWithASession_IsTaggedWithItsHandle_AndNothingTagsTheCookie()
    {
        using var traced = await SignInTracedAsync(ActivitySamplingResult.AllDataAndRecorded);
        var (stopped, handle, cookie) = (traced.Stopped, traced.Handle, traced.Cookie);

        var tagged = stopped.Where(a => a.GetTagItem("session.id") as string == handle).ToList();
        Assert.NotEmpty(tagged);
        var cookieValue = cookie[(cookie.IndexOf('=') + 1)..];
        Assert.DoesNotContain(stopped.SelectMany(a => a.TagObjects), tag => tag.Value is string value && value.Contains(cookieValue, StringComparison.Ordinal));
        Assert.NotEqual(cookieValue, handle);
    }

    [Fact]
    public async Task ARequestActivityThatIsNotRecorded_IsNotTagged()
    {
        // ASP.NET Core starts request activities for log correlation too; nobody records those, so the session's handle
        // (a hash computed when asked for) is not worked out for them.
        using var traced = await SignInTracedAsync(ActivitySamplingResult.AllData);
        var (stopped, handle) = (traced.Stopped, traced.Handle);

        Assert.Contains(stopped, activity => activity is { IsAllDataRequested: true, Recorded: false });
        Assert.DoesNotContain(stopped, activity => activity.GetTagItem("session.id") is not null);
        Assert.NotEmpty(handle);
    }

    // Signs a user in and reads the session's handle while ASP.NET Core's request activities are sampled as given; the
    // listener stays until the result is disposed, so activities that stop meanwhile are still collected.
    private async Task<TracedSignIn> SignInTracedAsync(ActivitySamplingResult sampling)
    {
        var stopped = new ConcurrentQueue<Activity>();
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => sampling,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        try
        {
            await using var frontend = AuthTestFrontend.Create(cluster);
            using var user = await frontend.SignedInAsync(frontend.Users[0]);
            var handle = (await AuthTestFrontend.MeAsync(user)).GetProperty("sessionHandle").GetString()!;
            return new TracedSignIn(listener, stopped, handle, user.Cookie!);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    private sealed record TracedSignIn(ActivityListener Listener, ConcurrentQueue<Activity> Stopped, string Handle, string Cookie) : IDisposable
    {
        public void Dispose() => Listener.Dispose();
    }
}
