using NodaTime;

namespace SymposiumBooking.Web.Infrastructure.Audit;

/// <summary>
/// One staff action that changed money or data: who (the staff account), what (the action's name), which (the ids it
/// was about) and when (the injected clock). Never the request's content: no names, no health data. Rows are only
/// ever inserted, in the same transaction as the change they record (docs/adr/0058).
/// </summary>
public sealed class StaffAction
{
    public const int MaxActionLength = 64;

    private StaffAction()
    {
    }

    public Guid Id { get; private set; }

    public Guid StaffUserId { get; private set; }

    /// <summary>The command's name, for example <c>RefundBooking</c> or <c>RecordSessionOutcome.NoShow</c>.</summary>
    public string Action { get; private set; } = "";

    /// <summary>The symposium, booking, therapist or shift ids the action was about, as the command named them.</summary>
    public Guid[] TargetIds { get; private set; } = [];

    public Instant OccurredAt { get; private set; }

    /// <summary>
    /// Names one more id the action was about, known only once the command ran (the account an invitation created).
    /// </summary>
    public void AddTarget(Guid id)
    {
        if (id != Guid.Empty && !TargetIds.Contains(id))
        {
            TargetIds = [.. TargetIds, id];
        }
    }

    public static StaffAction Create(Guid staffUserId, string action, IEnumerable<Guid> targetIds, Instant now) => new()
    {
        Id = Guid.CreateVersion7(),
        StaffUserId = staffUserId,
        Action = action.Length > MaxActionLength ? action[..MaxActionLength] : action,
        TargetIds = [.. targetIds.Where(id => id != Guid.Empty).Distinct()],
        OccurredAt = now,
    };
}

/// <summary>
/// A command (or query) a staff member sends that changes money or data. The audit behavior
/// (<see cref="StaffActionAudit{TMessage, TResponse}"/>) records each successful one with its sender.
/// </summary>
public interface IStaffAction
{
    /// <summary>The ids the action is about, in the order that reads best (symposium first).</summary>
    IEnumerable<Guid> StaffActionTargets { get; }

    /// <summary>The name recorded; the message's type name unless the message says more (an outcome, say).</summary>
    string StaffActionName => GetType().Name;
}
