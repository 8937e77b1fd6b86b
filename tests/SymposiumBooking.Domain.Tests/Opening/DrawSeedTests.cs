using SymposiumBooking.Domain.Opening;

namespace SymposiumBooking.Domain.Tests.Opening;

public sealed class DrawSeedTests
{
    [Fact]
    public void The_commitment_is_the_sha256_of_the_seeds_bytes_and_the_revealed_seed_reads_back_to_it()
    {
        var zeros = DrawSeed.FromHex(new string('0', 64))!;

        // SHA-256 of 32 zero bytes, as any sha256sum prints it.
        Assert.Equal("66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925", zeros.Commitment);
        var fresh = DrawSeed.Create();
        Assert.Equal(fresh.Commitment, DrawSeed.FromHex(fresh.Hex)!.Commitment);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    public void A_seed_that_is_not_32_bytes_of_hex_is_not_read(string hex) => Assert.Null(DrawSeed.FromHex(hex));

    [Fact]
    public void The_order_key_is_hmac_sha256_of_the_request_id_keyed_with_the_seed()
    {
        var seed = DrawSeed.FromHex(new string('0', 64))!;

        // python3 -c "import hmac,hashlib;print(hmac.new(bytes(32),b'req-001',hashlib.sha256).hexdigest())"
        Assert.Equal("5d13a53bcce6c923672e771cf6dadc5b435332cce7d88ac9793ce0f218845d0d", Convert.ToHexStringLower(seed.OrderKey("req-001")));
    }
}
