using System.Net;
using System.Net.Sockets;

namespace SymposiumBooking.Web.Infrastructure.Http;

/// <summary>
/// Who a request comes from, for every per-client limit (the rate limits, the cap on requests in flight, the sign-in
/// limiter) and the intake audit: the one place that decides it. It is the connection's remote address as the
/// forwarded-headers step left it: the client nginx saw when the request came through a configured proxy, the peer
/// otherwise (<see cref="TlsProxy"/>, docs/adr/0096). An IPv6 client counts as its /64: one subscriber gets a whole
/// /64, so a single address would let one client be as many clients as it likes.
/// </summary>
public static class ClientAddress
{
    /// <summary>The client of <paramref name="http"/>, or null when the connection has no IP address (in-memory, a unix socket).</summary>
    public static IPAddress? Of(HttpContext http) => Normalize(http.Connection.RemoteIpAddress);

    /// <summary>The client's address as it is, not its /64: what a record (the intake audit) keeps.</summary>
    public static string? Exact(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

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
