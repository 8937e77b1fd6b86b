using System.Net;
using Microsoft.AspNetCore.Http;
using SymposiumBooking.Web.Infrastructure.Http;

namespace SymposiumBooking.Web.Tests.Platform;

/// <summary>Who a request comes from, for every per-client limit: one client cannot be many by changing its address's tail.</summary>
public sealed class ClientAddressTests
{
    [Fact]
    public void An_ipv6_client_is_its_slash_64_and_an_ipv4_mapped_address_is_ipv4()
    {
        Assert.Equal(IPAddress.Parse("2001:db8:1:2::"), Of("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        Assert.Equal(Of("2001:db8:1:2::1"), Of("2001:db8:1:2:ffff::9"));
        Assert.NotEqual(Of("2001:db8:1:2::1"), Of("2001:db8:1:3::1"));
        Assert.Equal(IPAddress.Parse("203.0.113.7"), Of("::ffff:203.0.113.7"));
        Assert.Equal(IPAddress.Parse("203.0.113.7"), Of("203.0.113.7"));
        Assert.Equal(IPAddress.IPv6Loopback, Of("::1"));
        Assert.Null(ClientAddress.Of(new DefaultHttpContext())); // in-memory: no address, not counted
    }

    private static IPAddress? Of(string address)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        return ClientAddress.Of(http);
    }
}
