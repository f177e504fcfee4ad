using System.Net;

namespace Sessions.Tests.AspNetSession;

/// <summary>When changes reach the store: aborted requests, cancelled tokens and errors the app handles.</summary>
[Collection(ExpiryClusterCollection.Name)]
public sealed class SessionCommitBehaviourTests(ClusterFixture fixture)
{
    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task AbortedRequest_StillCommitsItsWrites(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var client = app.CreateClient();
        await client.GetAsync("/set/a/1");

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync("/set-then-abort/b/2")); // the client sees the abort
        await app.AbortedRequestFinished.WaitAsync(TestContext.Current.CancellationToken);

        Assert.Equal("2", await client.GetOkTextAsync("/get/b"));
    }

    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task CommitAsync_WithACancelledToken_Throws_AndTheEndOfTheRequestCommitsTheChanges(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var client = app.CreateClient();
        await client.GetAsync("/set/a/1");

        var outcome = await client.GetOkTextAsync("/set-then-commit-cancelled/b/2");

        Assert.Equal("cancelled", outcome);
        Assert.Equal("2", await client.GetOkTextAsync("/get/b"));
    }

    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task LoadAsync_WithACancelledToken_ThrowsOperationCanceled(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var client = app.CreateClient();
        await client.GetAsync("/set/a/1");

        var outcome = await client.GetOkTextAsync("/load-cancelled");

        Assert.Equal("cancelled", outcome);
    }

    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task WriteBeforeAnExceptionTheHandlerAnswers_StillEstablishesTheSession(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var client = app.CreateClient();

        var failed = await client.GetAsync("/set-then-throw/a/1");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("handled", await failed.TextAsync());
        Assert.Single(SessionClient.SetCookies(failed));
        Assert.Equal("1", await client.GetOkTextAsync("/get/a"));
    }

    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task ChangingTheBytesOfAReadValue_ChangesNeitherTheSessionNorLaterReads(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var client = app.CreateClient();
        await client.GetAsync("/set/a/value");

        var sameRequest = await client.GetOkTextAsync("/mutate/a");

        // The built-in session hands out the array it holds, so its own later reads in that request see the change;
        // Sessions hands out copies (its arrays may be the grain's own). Neither stores it.
        Assert.Equal(kind == SessionStoreKind.BuiltIn ? "!!!!!" : "value", sameRequest);
        Assert.Equal("value", await client.GetOkTextAsync("/get/a"));
    }
}
