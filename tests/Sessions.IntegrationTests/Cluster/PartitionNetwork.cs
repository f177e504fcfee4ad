using System.Globalization;
using System.Net;

namespace Sessions.Tests.Cluster;

/// <summary>
/// Separate hosts on this machine: network namespaces the test makes itself, each with its own address on one bridge
/// (the root namespace's end of the bridge is <see cref="HostAddress"/>). A namespace is cut off by taking its link
/// down and healed by bringing it up. Everything is removed on dispose.
/// </summary>
internal sealed class PartitionNetwork : IAsyncDisposable
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(20);

    private readonly string _id = Guid.NewGuid().ToString("N")[..5];
    private readonly int _subnet = Random.Shared.Next(100, 250);
    private readonly List<string> _namespaces = [];
    private bool _bridge;

    public IPAddress HostAddress => Address(1);

    public string Bridge => $"sbr{_id}";

    public string Namespace(int n) => $"sns{_id}{n}";

    /// <summary>The address of namespace <paramref name="n"/> (1-based).</summary>
    public IPAddress HostOf(int n) => Address(10 + n);

    /// <summary>Null when network namespaces can be made here (root, <c>ip netns</c>), else why not.</summary>
    public static async Task<string?> UnavailableBecauseAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return "network namespaces need root";
        }

        var probe = $"snsprobe{Guid.NewGuid().ToString("N")[..4]}";
        try
        {
            await Ip("netns", "add", probe);
            await Ip("netns", "delete", probe);
            return null;
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception or TimeoutException)
        {
            return $"'ip netns add' is not available here: {exception.Message}";
        }
    }

    public static async Task<PartitionNetwork> CreateAsync(int hosts)
    {
        var network = new PartitionNetwork();
        try
        {
            await network.BuildAsync(hosts);
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>Cuts namespace <paramref name="n"/> off: no packet in or out until <see cref="HealAsync"/>.</summary>
    public Task CutAsync(int n) => Ip("link", "set", HostEnd(n), "down");

    public Task HealAsync(int n) => Ip("link", "set", HostEnd(n), "up");

    public async ValueTask DisposeAsync()
    {
        foreach (var ns in _namespaces)
        {
            await TryIp("netns", "delete", ns); // takes its end of the veth pair, and so the pair, with it
        }

        if (_bridge)
        {
            await TryIp("link", "delete", Bridge);
        }
    }

    private async Task BuildAsync(int hosts)
    {
        await Ip("link", "add", Bridge, "type", "bridge");
        _bridge = true;
        await Ip("addr", "add", $"{HostAddress}/24", "dev", Bridge);
        await Ip("link", "set", Bridge, "up");
        for (var n = 1; n <= hosts; n++)
        {
            var ns = Namespace(n);
            await Ip("netns", "add", ns);
            _namespaces.Add(ns);
            await Ip("link", "add", HostEnd(n), "type", "veth", "peer", "name", NamespaceEnd(n));
            await Ip("link", "set", NamespaceEnd(n), "netns", ns);
            await Ip("link", "set", HostEnd(n), "master", Bridge);
            await Ip("link", "set", HostEnd(n), "up");
            await Ip("netns", "exec", ns, "ip", "addr", "add", $"{HostOf(n)}/24", "dev", NamespaceEnd(n));
            await Ip("netns", "exec", ns, "ip", "link", "set", NamespaceEnd(n), "up");
            await Ip("netns", "exec", ns, "ip", "link", "set", "lo", "up");
        }
    }

    private string HostEnd(int n) => $"svh{_id}{n}";

    private string NamespaceEnd(int n) => $"svn{_id}{n}";

    private IPAddress Address(int last) => IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"10.213.{_subnet}.{last}"));

    private static Task<string> Ip(params string[] arguments) => ExternalProcess.RunAsync("ip", arguments, ".", CommandLimit);

    private static async Task TryIp(params string[] arguments)
    {
        try
        {
            await Ip(arguments);
        }
        catch (InvalidOperationException)
        {
            // Already gone (a namespace takes its veth with it).
        }
    }
}
