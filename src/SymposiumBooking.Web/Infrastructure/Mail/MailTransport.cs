namespace SymposiumBooking.Web.Infrastructure.Mail;

/// <summary>
/// Where mail goes (docs/operations.md, "Mail"; docs/adr/0097): the SMTP server when <c>Mail:Smtp:Host</c> is set,
/// else the dev inbox when <c>Mail:PickupDirectory</c> is. With neither there is no <see cref="IMailSender"/>, and the
/// outbox keeps every mail unsent until one is configured: nothing is dropped. Production refuses to start without
/// an SMTP host (<see cref="MailOptions.Problems"/>), so there it is always the SMTP server.
/// </summary>
public static partial class MailTransport
{
    public static IServiceCollection AddMailTransport(this IServiceCollection services, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration["Mail:Smtp:Host"]))
        {
            services.AddSingleton<IMailSender, SmtpMailSender>();
        }
        else if (!string.IsNullOrWhiteSpace(configuration["Mail:PickupDirectory"]))
        {
            services.AddSingleton<IMailSender, PickupDirectoryMailSender>(); // the dev inbox
        }

        return services;
    }

    /// <summary>Says at start-up that mail will wait, when there is nowhere to send it.</summary>
    public static void WarnWhenNone(WebApplication app)
    {
        if (app.Services.GetService<IMailSender>() is null)
        {
            LogNoTransport(app.Logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "No mail transport (neither Mail:Smtp:Host nor Mail:PickupDirectory is set): mails wait in the outbox, unsent, until one is configured")]
    private static partial void LogNoTransport(ILogger logger);
}
