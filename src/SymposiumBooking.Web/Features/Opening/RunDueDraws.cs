using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SymposiumBooking.Domain.Symposia;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Features.Opening;

/// <summary>
/// The housekeeping round's part of the fair opening: runs the draw of every published symposium whose requests have
/// closed and whose draw has not run. Each draw locks its own row, so replicas running this at once make one draw.
/// </summary>
public sealed record RunDueDraws : ICommand<int>;

internal sealed class RunDueDrawsHandler(BookingDb db, IClock clock, ISender sender) : ICommandHandler<RunDueDraws, int>
{
    public async ValueTask<int> Handle(RunDueDraws command, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var due = await (from d in db.Draws
                         join e in db.Symposia on d.SymposiumId equals e.Id
                         where d.DrawnAt == null && e.Status == SymposiumStatus.Published && e.Policy!.Draw!.RequestsCloseAt <= now
                         select d.SymposiumId).ToListAsync(cancellationToken);
        var ran = 0;
        foreach (var id in due)
        {
            ran += (await sender.Send(new RunDraw(id), cancellationToken)).IsSuccess ? 1 : 0;
        }

        return ran;
    }
}
