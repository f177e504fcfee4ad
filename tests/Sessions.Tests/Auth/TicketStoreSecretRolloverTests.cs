using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Sessions.AspNetCore;

namespace Sessions.Tests.Auth;

/// <summary>
/// Cookie authentication's tickets kept in sessions across a secret rollover: the key handed to the cookie handler
/// names the secret its session is under, so the ticket stays readable while that secret is accepted and is gone once
/// it is removed; a bare ID of the release before key ids is looked for under each accepted secret.
/// </summary>
[Collection(AuthClusterCollection.Name)]
public sealed class TicketStoreSecretRolloverTests(AuthClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly byte[] _s1 = RandomNumberGenerator.GetBytes(SessionKeySecret.Bytes);
    private readonly byte[] _s2 = RandomNumberGenerator.GetBytes(SessionKeySecret.Bytes);

    [Fact]
    public async Task ATicketStoredBeforeARollover_IsReadWhileItsSecretIsPrevious_AndGoneOnceRemoved()
    {
        var user = $"t-{Guid.NewGuid():N}"[..12];
        var key = await Store(_s1).StoreAsync(Ticket(user), Ct);

        var duringOverlap = await Store(_s2, _s1).RetrieveAsync(key, Ct);
        var afterRemoval = await Store(_s2).RetrieveAsync(key, Ct);

        Assert.Equal(user, duringOverlap?.Principal.Identity?.Name);
        Assert.Null(afterRemoval);
    }

    [Fact]
    public async Task ATicketKeyWithoutKeyId_IsFoundUnderAPreviousSecret()
    {
        var user = $"t-{Guid.NewGuid():N}"[..12];
        var key = await Store(_s1).StoreAsync(Ticket(user), Ct);
        var bareId = key[..key.LastIndexOf('.')]; // as the release before key ids handed it out

        var ticket = await Store(_s2, _s1).RetrieveAsync(bareId, Ct);

        Assert.Equal(user, ticket?.Principal.Identity?.Name);
    }

    [Fact]
    public async Task RenewingAndRemovingATicketUnderAPreviousSecret_ReachItsSession()
    {
        var user = $"t-{Guid.NewGuid():N}"[..12];
        var key = await Store(_s1).StoreAsync(Ticket(user), Ct);
        var overlap = Store(_s2, _s1);

        await overlap.RenewAsync(key, Ticket(user, "renewed"), Ct);
        Assert.Equal("renewed", (await overlap.RetrieveAsync(key, Ct))?.Principal.FindFirstValue("mark"));
        await overlap.RemoveAsync(key, Ct);

        Assert.Null(await overlap.RetrieveAsync(key, Ct));
    }

    private SessionTicketStore Store(byte[] current, params byte[][] previous)
    {
        var secrets = new SessionSecrets();
        secrets.Initialize(current, previous);
        return new SessionTicketStore(new SessionGrains(cluster.Grains, secrets), secrets, new HttpContextAccessor());
    }

    private static AuthenticationTicket Ticket(string user, string mark = "first") =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user), new Claim("mark", mark)], "password")), "Cookies");
}
