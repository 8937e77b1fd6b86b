using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SymposiumBooking.Web.Infrastructure.Data;

/// <summary>Recognises the constraint that refused a write, so the handler can answer with a typed error.</summary>
public static class DbErrors
{
    public static bool Violates(this DbUpdateException exception, string constraint) =>
        exception.InnerException is PostgresException pg && pg.Violates(constraint);

    /// <inheritdoc cref="Violates(DbUpdateException, string)"/>
    public static bool Violates(this PostgresException exception, string constraint) =>
        exception is { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ExclusionViolation } && exception.ConstraintName == constraint;

    /// <summary>A row another row still points at (a booking on a slot being deleted).</summary>
    public static bool IsStillReferenced(this Exception exception) =>
        (exception as PostgresException ?? exception.InnerException as PostgresException)?.SqlState == PostgresErrorCodes.ForeignKeyViolation;
}
