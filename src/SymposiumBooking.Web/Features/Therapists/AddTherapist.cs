using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Domain.Scheduling;
using SymposiumBooking.Web.Features.Symposia;
using SymposiumBooking.Web.Infrastructure.Audit;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Data;
using SymposiumBooking.Web.Infrastructure.Outbox;

namespace SymposiumBooking.Web.Features.Therapists;

public sealed record TherapistBody(string Name, string Email);

/// <summary>
/// Adds a therapist to a symposium: their staff sign-in (created once, reused across years), the therapist row and
/// the invitation mail, all in one transaction.
/// </summary>
public sealed record AddTherapist(Guid SymposiumId, string Name, string Email) : ICommand<Result<TherapistView>>, IStaffAction
{
    IEnumerable<Guid> IStaffAction.StaffActionTargets => [SymposiumId];
}

public sealed class AddTherapistValidator : AbstractValidator<AddTherapist>
{
    public AddTherapistValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200).SingleLine();
        RuleFor(x => x.Email).NotEmpty().MaximumLength(320).EmailAddress().SingleLine();
    }
}

internal sealed class AddTherapistHandler(BookingDb db, StaffAccounts accounts, IClock clock)
    : ICommandHandler<AddTherapist, Result<TherapistView>>
{
    private const string OnePerSymposium = "ix_therapists_symposium_id_normalized_email";

    public async ValueTask<Result<TherapistView>> Handle(AddTherapist command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var symposium = await db.FindChangeableAsync(command.SymposiumId, now, cancellationToken);
        if (symposium.IsFailure)
        {
            return symposium.Error;
        }

        var email = command.Email.Trim();
        var normalized = Email.Normalize(email);
        if (await db.Therapists.AnyAsync(t => t.SymposiumId == command.SymposiumId && t.NormalizedEmail == normalized, cancellationToken))
        {
            return TherapistErrors.AlreadyAdded;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await accounts.TryEnsureAsync(email, command.Name.Trim(), Roles.Therapist, password: null);
        if (account.IsFailure)
        {
            return account.Error;
        }

        var therapist = Therapist.Create(command.SymposiumId, command.Name, email, account.Value.Id, now);
        db.Therapists.Add(therapist);
        db.Outbox.Add(OutboxMessage.Create(
            OutboxTypes.TherapistInvitation, JsonSerializer.Serialize(new { therapistId = therapist.Id }), now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.Violates(OnePerSymposium))
        {
            return TherapistErrors.AlreadyAdded;
        }

        await transaction.CommitAsync(cancellationToken);
        return TherapistView.From(therapist);
    }
}
