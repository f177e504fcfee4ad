using System.Net;
using System.Net.Sockets;

namespace Sessions.AspNetCore;

/// <summary>
/// The network a client address stands for, as limits and security logs key on it: by default the whole address for
/// IPv4 (/32) and the /64 prefix for IPv6, since one end site is handed at least a /64 and can use any of its 2^64
/// addresses (the login throttle's lengths are <c>LoginThrottle:IPv4PrefixLength</c> and <c>IPv6PrefixLength</c>), in
/// CIDR notation. An IPv4-mapped IPv6 address (a dual-stack socket's view
/// of an IPv4 client) counts as the IPv4 address it maps, so one client has one prefix whichever socket it came in on.
/// </summary>
internal static class AddressPrefix
{
    /// <summary>The prefix of a request with no known address (every such request shares it).</summary>
    public const string Unknown = "unknown";

    /// <summary>The request's client network with the default lengths (/32, /64).</summary>
    public static string Of(HttpContext http) => Of(ClientAddress.IpOf(http), 32, 64);

    public static string Of(IPAddress? address, int ipv4PrefixLength, int ipv6PrefixLength)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var length = address.AddressFamily == AddressFamily.InterNetwork ? ipv4PrefixLength : ipv6PrefixLength;
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            return Unknown;
        }

        bytes = bytes[..written];
        length = Math.Clamp(length, 0, written * 8);
        for (var bit = length; bit < written * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return $"{new IPAddress(bytes)}/{length}";
    }
}
