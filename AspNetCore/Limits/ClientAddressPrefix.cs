using System.Net;
using System.Net.Sockets;

namespace Sessions.AspNetCore;

/// <summary>
/// The network a client address stands for, as limits and security logs key on it: the whole address for IPv4 (/32),
/// the /64 prefix for IPv6, since one end site is handed at least a /64 and can use any of its 2^64 addresses. An
/// IPv4-mapped IPv6 address counts as its IPv4 address.
/// </summary>
internal static class ClientAddressPrefix
{
    public static string Of(HttpContext http) => Of(http.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
