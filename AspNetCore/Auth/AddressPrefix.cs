using System.Net;
using System.Net.Sockets;

namespace Sessions.AspNetCore;

/// <summary>
/// The address prefix a client is throttled by: its first <c>LoginThrottle:IPv4PrefixLength</c> (32) bits for IPv4 and
/// <c>IPv6PrefixLength</c> (64) bits for IPv6, in CIDR notation. An IPv4-mapped IPv6 address (a dual-stack socket's view
/// of an IPv4 client) counts as the IPv4 address it maps, so one client has one prefix whichever socket it came in on.
/// </summary>
internal static class AddressPrefix
{
    /// <summary>The prefix of a request with no known address (every such request shares it).</summary>
    public const string Unknown = "unknown";

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
