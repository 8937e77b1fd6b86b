using NodaTime;
using SymposiumBooking.Domain.Bookings;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Waitlist;

namespace SymposiumBooking.Domain.Tests.Common;

public sealed class EmailTests
{
    [Theory]
    [InlineData("  Ana.Ruiz@Example.ORG ", "ana.ruiz@example.org")]
    [InlineData("ana+symposium@example.org", "ana@example.org")]
    [InlineData("ana+a+b@example.org", "ana@example.org")]
    [InlineData("a.n.a@example.org", "a.n.a@example.org")]
    [InlineData("A.N.A+x@Gmail.com", "ana@gmail.com")]
    [InlineData("ana@googlemail.com", "ana@gmail.com")]
    [InlineData("a.na+tag@googlemail.com", "ana@gmail.com")]
    [InlineData("ana@sub.gmail.com", "ana@sub.gmail.com")]
    public void The_canonical_address_drops_tags_for_every_domain_and_dots_for_gmail(string typed, string canonical) =>
        Assert.Equal(canonical, Email.Canonical(typed));

    [Theory]
    [InlineData("+only@example.org", "+only@example.org")]
    [InlineData("...@gmail.com", "...@gmail.com")]
    [InlineData("no-at-sign", "no-at-sign")]
    [InlineData("trailing@", "trailing@")]
    [InlineData("user@a@example.org", "user@a@example.org")]
    public void An_address_with_nothing_left_to_strip_is_only_normalized(string typed, string canonical) =>
        Assert.Equal(canonical, Email.Canonical(typed));

    [Fact]
    public void Canonical_is_idempotent() =>
        Assert.All(new[] { "A.b+c@GoogleMail.com", "x+y@example.org", "Plain@Example.org" },
            e => Assert.Equal(Email.Canonical(e), Email.Canonical(Email.Canonical(e))));

    [Fact]
    public void Bookings_and_waitlist_entries_count_by_the_canonical_address_but_keep_the_typed_one_for_mail()
    {
        var now = Instant.FromUtc(2027, 1, 1, 12, 0);
        var booking = Booking.Create(
            new BookingRequest(Guid.NewGuid(), Guid.NewGuid(), "Ada Lovelace", "Ada.Lovelace+spa@Gmail.com", null, Rate.Reduced, PaymentMethod.AtTable, 2500, "USD", null),
            "hash", now);
        var entry = WaitlistEntry.Create(Guid.NewGuid(), "Ada", "Ada.Lovelace+spa@Gmail.com", null, null, now);

        Assert.Equal(("Ada.Lovelace+spa@Gmail.com", "adalovelace@gmail.com"), (booking.AttendeeEmail, booking.NormalizedEmail));
        Assert.Equal(("Ada.Lovelace+spa@Gmail.com", "adalovelace@gmail.com"), (entry.Email, entry.NormalizedEmail));
    }
}
