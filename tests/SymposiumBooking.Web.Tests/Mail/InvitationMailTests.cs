using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using SymposiumBooking.Web.Infrastructure.Calendar;
using SymposiumBooking.Web.Infrastructure.Mail;
using SymposiumBooking.Web.Tests.Calendar;

namespace SymposiumBooking.Web.Tests.Mail;

/// <summary>Invitation mails through the app's MailKit sender and a real SMTP conversation.</summary>
public sealed class InvitationMailTests : IAsyncLifetime
{
    private readonly FakeSmtpServer _server = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private SmtpMailSender Sender() => new(
        Options.Create(new MailOptions { Smtp = new SmtpOptions { Host = "127.0.0.1", Port = _server.Port, Security = SmtpSecurity.None } }),
        NullLogger<SmtpMailSender>.Instance);

    private static MimeMessage Invitation(InviteMethod method, InviteStatus status, int sequence)
    {
        var session = new InviteEvent(
            Guid.Parse("6a4b7b1e-0d4e-4b8e-8d8a-5d7a0c3f2b19"), sequence, status, Instant.FromUtc(2027, 3, 15, 14, 0), Instant.FromUtc(2027, 3, 15, 14, 30),
            "America/Chicago", CalendarInvites.MassageWith("Zoë Ångström 🙂 山田太郎"), new InvitePlace("Hyatt Regency", "Room Ontario", "151 E Wacker Dr, Chicago"),
            new InvitePerson("Symposium organizers", "organizers@symposium.example.org"), new InvitePerson("Dana Attendee", "dana@example.org"),
            new Uri("https://booking.example.org/bookings/6a4b?token=t"));
        var ics = CalendarInvites.ForBooking(session, method, Instant.FromUtc(2026, 11, 25, 15, 0));
        var message = new MimeMessage { Subject = "Your massage", MessageId = $"outbox-{Guid.NewGuid():N}@symposium-booking" };
        message.From.Add(new MailboxAddress("Symposium organizers", "organizers@symposium.example.org"));
        message.To.Add(new MailboxAddress("Dana Attendee", "dana@example.org"));
        message.Body = InvitationMail.Body("Your massage is booked.", "<p>Your massage is booked.</p>", ics, method);
        return message;
    }

    [Theory]
    [InlineData(InviteMethod.Request, InviteStatus.Confirmed, 0, "REQUEST", "invite.ics")]
    [InlineData(InviteMethod.Cancel, InviteStatus.Cancelled, 1, "CANCEL", "cancel.ics")]
    public async Task An_invitation_arrives_as_text_html_and_a_calendar_part_with_its_method_plus_the_ics_attached(
        InviteMethod method, InviteStatus status, int sequence, string methodName, string fileName)
    {
        var sent = Invitation(method, status, sequence);
        await Sender().SendAsync(sent, TestContext.Current.CancellationToken);

        var received = Assert.Single(_server.Accepted);
        Assert.Equal(sent.MessageId, received.MessageId);
        var mixed = Assert.IsType<Multipart>(received.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        Assert.Equal(2, mixed.Count);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Equal(["text/plain", "text/html", "text/calendar"], alternative.Select(p => p.ContentType.MimeType));
        var calendar = Assert.IsAssignableFrom<MimePart>(alternative[2]);
        Assert.Equal(methodName, calendar.ContentType.Parameters["method"]);
        Assert.Equal("utf-8", calendar.ContentType.Charset);
        var attachment = Assert.IsAssignableFrom<MimePart>(mixed[1]);
        Assert.Equal("application/ics", attachment.ContentType.MimeType);
        Assert.True(attachment.IsAttachment);
        Assert.Equal(fileName, attachment.FileName);
        Assert.Equal(methodName, attachment.ContentType.Parameters["method"]);

        var ics = Decode(calendar);
        Assert.Equal(ics, Decode(attachment));
        Assert.Contains("\r\n", ics, StringComparison.Ordinal); // CRLFs survive the trip
        foreach (var parsed in await IcsParsers.ParseAsync(ics))
        {
            Assert.Equal(methodName, parsed.Method);
            var e = Assert.Single(parsed.Events);
            Assert.Equal(sequence, e.Sequence);
            Assert.Equal("Massage with Zoë Ångström 🙂 山田太郎", e.Summary);
            Assert.Equal("2027-03-15T09:00:00", e.Start?.Local);
        }
    }

    [Fact]
    public async Task A_451_reply_surfaces_as_a_plain_failure_that_may_be_retried()
    {
        _server.Faults.Enqueue(SmtpFault.Reply451AfterData);
        var e = await Assert.ThrowsAsync<MailKit.Net.Smtp.SmtpCommandException>(() =>
            Sender().SendAsync(Invitation(InviteMethod.Request, InviteStatus.Confirmed, 0), TestContext.Current.CancellationToken));
        Assert.Equal(451, (int)e.StatusCode);
        Assert.Empty(_server.Accepted);
    }

    [Fact]
    public async Task A_connection_lost_after_the_whole_message_is_an_unknown_outcome()
    {
        _server.Faults.Enqueue(SmtpFault.DropAfterData);
        await Assert.ThrowsAsync<MailOutcomeUnknownException>(() =>
            Sender().SendAsync(Invitation(InviteMethod.Request, InviteStatus.Confirmed, 0), TestContext.Current.CancellationToken));
        Assert.Single(_server.Received);
    }

    [Fact]
    public async Task A_connection_lost_before_the_message_is_a_plain_failure()
    {
        _server.Faults.Enqueue(SmtpFault.DropAtData);
        var e = await Assert.ThrowsAnyAsync<Exception>(() =>
            Sender().SendAsync(Invitation(InviteMethod.Request, InviteStatus.Confirmed, 0), TestContext.Current.CancellationToken));
        Assert.IsNotType<MailOutcomeUnknownException>(e);
        Assert.Empty(_server.Received);
    }

    private static string Decode(MimePart part)
    {
        using var buffer = new MemoryStream();
        part.Content!.DecodeTo(buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
