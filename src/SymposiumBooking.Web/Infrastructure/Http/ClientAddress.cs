using System.Net;
using System.Net.Sockets;

namespace SymposiumBooking.Web.Infrastructure.Http;

/// <summary>
/// Who a request comes from, for every per-client limit (the rate limits, the cap on requests in flight): the one
/// place that decides it. Today it is the connection's remote address; trusting a reverse proxy's forwarded header
/// is a later change, made here. An IPv6 client counts as its /64: one subscriber gets a whole /64, so a single
/// address would let one client be as many clients as it likes.
/// </summary>
public static class ClientAddress
{
    /// <summary>The client of <paramref name="http"/>, or null when the connection has no IP address (in-memory, a unix socket).</summary>
    public static IPAddress? Of(HttpContext http) => Normalize(http.Connection.RemoteIpAddress);

    /// <summary>The same client as a partition key of the rate limiter.</summary>
    public static string Key(HttpContext http) => Of(http)?.ToString() ?? "unknown";

    internal static IPAddress? Normalize(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }
}
