using System.Net;

namespace Sessions.Tests.Security;

/// <summary>The address prefix the login throttle keys by: /32 for IPv4, /64 for IPv6 by default, IPv4-mapped IPv6 as IPv4.</summary>
public sealed class AddressPrefixTests
{
    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:eeee:dddd:cccc", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void IPv6Address_IsKeyedByItsSlash64(string address, string expected) =>
        Assert.Equal(expected, AddressPrefix.Of(IPAddress.Parse(address), 32, 64));

    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7/32")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7/32")]
    public void IPv4Address_IsKeyedByItsSlash32_AlsoWhenMappedToIPv6(string address, string expected) =>
        Assert.Equal(expected, AddressPrefix.Of(IPAddress.Parse(address), 32, 64));

    [Theory]
    [InlineData("192.0.2.200", "192.0.2.0/24")]
    [InlineData("2001:db8:1:2:3::1", "2001:db8:1::/48")]
    [InlineData("2001:db8:1:2:3::1", "2001:db8:1:2:3::1/128")]
    public void PrefixLengths_AreConfigurable(string address, string expected)
    {
        var length = int.Parse(expected[(expected.IndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, AddressPrefix.Of(IPAddress.Parse(address), address.Contains(':') ? 32 : length, length));
    }

    [Fact]
    public void UnknownAddress_SharesOnePrefix() => Assert.Equal(AddressPrefix.Unknown, AddressPrefix.Of(null, 32, 64));
}
