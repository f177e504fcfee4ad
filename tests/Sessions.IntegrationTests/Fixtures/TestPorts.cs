using System.Net;
using System.Net.Sockets;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// Free TCP ports on 127.0.0.1 for the processes tests start. They come from 15000-22299: below Linux's ephemeral
/// range (32768-60999), where any outgoing connection of another test could take a port between the probe and a
/// restart on it, and below the 22300-30000 range Orleans' TestingHost allocates silo ports from.
/// </summary>
internal static class TestPorts
{
    private const int First = 15000;
    private const int Count = 7300;

    private static int _offset = Random.Shared.Next(Count);

    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _offset) % Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free TCP port in {First}-{First + Count - 1}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
