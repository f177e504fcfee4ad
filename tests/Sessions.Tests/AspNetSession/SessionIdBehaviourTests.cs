namespace Sessions.Tests.AspNetSession;

/// <summary><c>ISession.Id</c> and what reading it costs: unavailable stores, expiry, sessions never written.</summary>
[Collection(ExpiryClusterCollection.Name)]
public sealed class SessionIdBehaviourTests(ClusterFixture fixture)
{
    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task Id_WhenTheStoreIsUnavailable_IsEmpty(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var client = app.CreateClient();
        await client.GetAsync("/set/a/1");

        app.Store.Unavailable = true;
        var body = await client.GetOkTextAsync("/available-and-id");

        Assert.Equal("no|", body);
    }

    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task Id_AfterExpiry_IsNotTheExpiredOne_AndStaysTheSameThroughTheFirstWrite(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var client = app.CreateClient();
        await client.GetAsync("/set/a/1");
        var expired = await client.GetOkTextAsync("/id");

        fixture.Time.Advance(TimeSpan.FromMinutes(21));
        var ids = (await client.GetOkTextAsync("/id-set-id/b/2")).Split('|');
        var next = await client.GetOkTextAsync("/id");

        Assert.Equal(2, ids.Length);
        Assert.NotEqual(expired, ids[0]);
        Assert.Equal(ids[0], ids[1]);
        Assert.Equal(ids[0], next);
    }

    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task IdRemoveAndClear_OnANewSession_WriteNothing(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var client = app.CreateClient();

        var response = await client.GetAsync("/id-remove-clear");

        Assert.Equal("ok", await response.OkTextAsync());
        Assert.Empty(SessionClient.SetCookies(response));
        Assert.Equal(0, app.Store.Writes);
    }
}
