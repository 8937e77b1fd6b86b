using System.Net;
using System.Text.RegularExpressions;
using MimeKit;

namespace SymposiumBooking.Web.Tests.Harness;

/// <summary>What a person does with a mailed link: find it in the mail, open its page, press its button.</summary>
public static class MailedLinks
{
    /// <summary>The path and query of the first link in <paramref name="mail"/>'s text that <paramref name="pattern"/> matches.</summary>
    public static string PathIn(MimeMessage mail, Regex pattern)
    {
        var match = pattern.Match(mail.TextBody ?? "");
        Assert.True(match.Success, mail.TextBody);
        return new Uri(match.Value).PathAndQuery;
    }

    /// <summary>Opens the link's page (unless it is given) and presses its button, with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PressAsync(HttpClient browser, string link, string? page = null)
    {
        var ct = TestContext.Current.CancellationToken;
        page ??= await browser.GetStringAsync(link, ct);
        var form = new Dictionary<string, string>
        {
            ["t"] = InputValue(page, "name=\"t\""),
            ["__RequestVerificationToken"] = InputValue(page, "name=\"__RequestVerificationToken\""),
        };
        return await browser.PostAsync(link, new FormUrlEncodedContent(form), ct);
    }

    /// <summary>The value attribute of the first input tag that has <paramref name="marker"/>.</summary>
    public static string InputValue(string html, string marker)
    {
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no input with {marker}");
        var tag = html[html.LastIndexOf('<', at)..html.IndexOf('>', at)];
        var value = tag[(tag.IndexOf("value=\"", StringComparison.Ordinal) + 7)..];
        return WebUtility.HtmlDecode(value[..value.IndexOf('"', StringComparison.Ordinal)]);
    }
}
