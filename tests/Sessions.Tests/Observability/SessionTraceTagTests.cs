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
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var frontend = AuthTestFrontend.Create(cluster);
        using var user = await frontend.SignedInAsync(frontend.Users[0]);

        var handle = (await AuthTestFrontend.MeAsync(user)).GetProperty("sessionHandle").GetString()!;

        var tagged = stopped.Where(a => a.GetTagItem("session.id") as string == handle).ToList();
        Assert.NotEmpty(tagged);
        var cookie = user.Cookie!;
        var cookieValue = cookie[(cookie.IndexOf('=') + 1)..];
        Assert.DoesNotContain(stopped.SelectMany(a => a.TagObjects), tag => tag.Value is string value && value.Contains(cookieValue, StringComparison.Ordinal));
        Assert.NotEqual(cookieValue, handle);
    }

    [Fact]
    public async Task ARequestActivityThatIsNotRecorded_IsNotTagged()
    {
        // ASP.NET Core starts request activities for log correlation too; nobody records those, so the session's handle
        // (a hash computed when asked for) is not worked out for them.
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var frontend = AuthTestFrontend.Create(cluster);
        using var user = await frontend.SignedInAsync(frontend.Users[0]);

        var handle = (await AuthTestFrontend.MeAsync(user)).GetProperty("sessionHandle").GetString()!;

        Assert.Contains(stopped, activity => activity is { IsAllDataRequested: true, Recorded: false });
        Assert.DoesNotContain(stopped, activity => activity.GetTagItem("session.id") is not null);
        Assert.NotEmpty(handle);
    }
}
