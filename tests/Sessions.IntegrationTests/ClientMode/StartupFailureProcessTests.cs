namespace Sessions.Tests.ClientMode;

/// <summary>An invalid configuration value stops either program at start, with one message naming the key and exit code 1.</summary>
public sealed class StartupFailureProcessTests
{
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WebFrontend_InvalidValue_ExitsWithTheKeyNamed()
    {
        await using var frontend = AppProcess.StartDll(BuiltApps.WebFrontendDll,
            ["--urls", "http://127.0.0.1:0", "--SessionExpiry:IdleTimeout=soon", "--SessionCookie:KeyRingPath="]);

        Assert.Equal(1, await frontend.WaitForExitAsync(ExitLimit));
        Assert.Contains("Sessions.WebFrontend: SessionExpiry:IdleTimeout 'soon' is not a time span", frontend.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", frontend.Output, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public async Task WebFrontend_OutsideDevelopmentWithoutSecretOrKeyRing_ExitsNamingTheSecret()
    {
        await using var frontend = AppProcess.StartDll(BuiltApps.WebFrontendDll,
            ["--urls", "http://127.0.0.1:0", "--environment", "Production", "--SessionCookie:KeyRingPath="]);

        Assert.Equal(1, await frontend.WaitForExitAsync(ExitLimit));
        Assert.Contains("Sessions.WebFrontend: SessionGrainKey:Secret is not set and no session-key store is registered",
            frontend.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", frontend.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_InvalidValue_ExitsWithTheKeyNamed()
    {
        await using var silo = AppProcess.StartDll(BuiltApps.SiloDll, ["--Cluster:Membership=Gossip"]);

        Assert.Equal(1, await silo.WaitForExitAsync(ExitLimit));
        Assert.Contains("Sessions.Silo: Cluster:Membership 'Gossip' is not one of Localhost, AdoNet.", silo.Output, StringComparison.Ordinal);
    }
}
