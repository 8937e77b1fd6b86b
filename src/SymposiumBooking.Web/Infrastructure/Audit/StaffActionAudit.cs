using System.Data.Common;
using System.Security.Claims;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NodaTime;
using Npgsql;
using SymposiumBooking.Domain.Common;
using SymposiumBooking.Web.Infrastructure.Auth;
using SymposiumBooking.Web.Infrastructure.Data;

namespace SymposiumBooking.Web.Infrastructure.Audit;

/// <summary>The row a staff command will leave, while that command runs; <see cref="Recorded"/> once it is written.</summary>
public sealed class PendingStaffAction(StaffAction row)
{
    public StaffAction Row { get; } = row;

    public bool Recorded { get; set; }
}

/// <summary>
/// Records every successful <see cref="IStaffAction"/> sent on behalf of a signed-in staff member (docs/adr/0058).
/// The row is written with the command's own change, in its transaction: the first <c>SaveChanges</c> of the command
/// carries it, or, when the command writes by hand inside a transaction, the commit does
/// (<see cref="StaffActionInterceptor"/>). A command that succeeds without either (it changed nothing, or a query)
/// gets its row afterwards. A refused command leaves none: its transaction is rolled back or never saved. Messages
/// sent without a signed-in staff member (background jobs) are not staff actions and are not recorded.
/// </summary>
public sealed class StaffActionAudit<TMessage, TResponse>(BookingDb db, IHttpContextAccessor http, IClock clock)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage, IStaffAction
    where TResponse : IOutcome
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (StaffUserOf(http.HttpContext?.User) is not { } staffUserId)
        {
            return await next(message, cancellationToken);
        }

        var pending = new PendingStaffAction(
            StaffAction.Create(staffUserId, message.StaffActionName, message.StaffActionTargets, clock.GetCurrentInstant()));
        db.PendingStaffAction = pending;
        try
        {
            var response = await next(message, cancellationToken);
            if (response.Error is null && !pending.Recorded)
            {
                db.PendingStaffAction = null;
                await StaffActionInterceptor.InsertAsync(db, pending.Row, cancellationToken);
            }

            return response;
        }
        finally
        {
            db.PendingStaffAction = null; // the context goes back to the pool
        }
    }

    /// <summary>The staff account behind the request, if a staff member (organizer or therapist) is signed in.</summary>
    public static Guid? StaffUserOf(ClaimsPrincipal? user) =>
        user is { Identity.IsAuthenticated: true }
        && (user.IsInRole(Roles.Organizer) || user.IsInRole(Roles.Therapist))
        && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : null;
}

/// <summary>
/// Puts the running staff command's <see cref="StaffAction"/> into the command's own write: its first
/// <c>SaveChanges</c>, or, failing that, the commit of its transaction. Stateless: the pending row travels on the
/// context (<see cref="BookingDb.PendingStaffAction"/>), so one instance serves the pooled contexts.
/// </summary>
public sealed class StaffActionInterceptor : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public static readonly StaffActionInterceptor Instance = new();

    private const string Insert =
        "INSERT INTO staff_actions (id, staff_user_id, action, target_ids, occurred_at) VALUES ($1, $2, $3, $4, $5)";

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Attach(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Attach(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        MarkSaved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        MarkSaved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (NotInAnySave(eventData.Context) is { } pending)
        {
            using var command = InsertCommand(transaction, pending.Row);
            command.ExecuteNonQuery();
            pending.Recorded = true;
        }

        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (NotInAnySave(eventData.Context) is { } pending)
        {
            await using var command = InsertCommand(transaction, pending.Row);
            await command.ExecuteNonQueryAsync(cancellationToken);
            pending.Recorded = true;
        }

        return result;
    }

    /// <summary>Writes <paramref name="row"/> on its own (a command that succeeded without writing anything).</summary>
    public static Task<int> InsertAsync(BookingDb db, StaffAction row, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"INSERT INTO staff_actions (id, staff_user_id, action, target_ids, occurred_at) VALUES ({row.Id}, {row.StaffUserId}, {row.Action}, {row.TargetIds}, {row.OccurredAt})",
            ct);

    private static PendingStaffAction? Unrecorded(DbContext? context) =>
        context is BookingDb { PendingStaffAction: { Recorded: false } pending } ? pending : null;

    /// <summary>
    /// The pending row, unless a <c>SaveChanges</c> carries it: a save without a transaction of the command's own
    /// commits its own one before <see cref="SavedChanges"/> runs, with the row still tracked as added.
    /// </summary>
    private static PendingStaffAction? NotInAnySave(DbContext? context) =>
        context is BookingDb db && Unrecorded(db) is { } pending && db.Entry(pending.Row).State == EntityState.Detached ? pending : null;

    private static void Attach(DbContext? context)
    {
        if (context is BookingDb db && Unrecorded(db) is { } pending && db.Entry(pending.Row).State == EntityState.Detached)
        {
            db.StaffActions.Add(pending.Row);
        }
    }

    private static void MarkSaved(DbContext? context)
    {
        if (context is BookingDb db && Unrecorded(db) is { } pending && db.Entry(pending.Row).State == EntityState.Unchanged)
        {
            pending.Recorded = true;
        }
    }

    private static NpgsqlCommand InsertCommand(DbTransaction transaction, StaffAction row)
    {
        var connection = (NpgsqlConnection)(transaction.Connection
            ?? throw new InvalidOperationException("The committing transaction has no connection."));
        return new NpgsqlCommand(Insert, connection, (NpgsqlTransaction)transaction)
        {
            Parameters =
            {
                new() { Value = row.Id },
                new() { Value = row.StaffUserId },
                new() { Value = row.Action },
                new() { Value = row.TargetIds },
                new() { Value = row.OccurredAt },
            },
        };
    }
}
