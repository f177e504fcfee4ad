using System.Net;
using System.Net.Sockets;

namespace Sessions.Tests.Fixtures;

/// <summary>Free TCP ports on 127.0.0.1, found by letting the OS pick one and releasing it.</summary>
internal static class TestPorts
{
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
