using System.Text;
using SymposiumBooking.Web.Infrastructure.Calendar;

namespace SymposiumBooking.Web.Tests.Calendar;

public sealed class IcsTextTests
{
    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    [Fact]
    public void A_line_of_exactly_75_octets_stays_whole_and_one_more_octet_folds()
    {
        var exactly = "SUMMARY:" + new string('a', 67);
        Assert.Equal(exactly + "\r\n", IcsText.Refold(exactly));
        Assert.Equal("SUMMARY:" + new string('a', 67) + "\r\n a\r\n", IcsText.Refold(exactly + "a"));
    }

    [Theory]
    [InlineData("é")] // 2 octets
    [InlineData("山")] // 3 octets
    [InlineData("🙂")] // 4 octets, a surrogate pair in .NET
    [InlineData("e\u0301")] // e + combining acute: one character to a reader
    [InlineData("👩‍👩‍👧‍👦")] // 25 octets joined with ZWJ
    [InlineData("🇵🇹")] // a flag: two regional indicators
    public void Folding_never_cuts_a_character_whatever_the_offset(string character)
    {
        for (var offset = 0; offset < 30; offset++)
        {
            var line = "LOCATION:" + new string('x', offset) + string.Concat(Enumerable.Repeat(character, 40));
            var folded = IcsText.Refold(line);
            foreach (var physical in folded.Split("\r\n")[..^1])
            {
                var bytes = Encoding.UTF8.GetBytes(physical);
                Assert.True(bytes.Length <= 75, $"{bytes.Length} octets");
                Strict.GetString(bytes);
                Assert.False(physical.Length > 1 && physical.StartsWith(' ') && char.GetUnicodeCategory(physical[1]) == System.Globalization.UnicodeCategory.NonSpacingMark,
                    "a combining mark was separated from its letter");
            }

            Assert.Equal(line, IcsText.Unfold(folded).TrimEnd('\r', '\n'));
        }
    }

    [Fact]
    public void A_character_longer_than_a_line_is_cut_between_code_points_only()
    {
        var zalgo = "a" + string.Concat(Enumerable.Repeat("\u0301\u0302\u0303", 20)); // one grapheme of 121 octets
        var folded = IcsText.Refold("SUMMARY:" + zalgo);
        foreach (var physical in folded.Split("\r\n")[..^1])
        {
            Assert.True(Encoding.UTF8.GetByteCount(physical) <= 75);
        }

        Assert.Equal("SUMMARY:" + zalgo, IcsText.Unfold(folded).TrimEnd('\r', '\n'));
    }

    [Fact]
    public void Lf_line_ends_become_crlf_and_a_lone_surrogate_is_refused()
    {
        Assert.Equal("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", IcsText.Refold("BEGIN:VCALENDAR\nEND:VCALENDAR\n"));
        Assert.ThrowsAny<ArgumentException>(() => IcsText.Refold("SUMMARY:\uD83D broken"));
    }
}
