using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Audit;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>The symposium's staff actions, newest first, a page at a time (<see cref="ListStaffActions"/>).</summary>
public sealed class AuditModel(ISender sender) : SymposiumPageModel(sender)
{
    public const int PageSize = 50;

    public IReadOnlyList<StaffActionView> Actions { get; private set; } = [];

    /// <summary>The page shown, from 1.</summary>
    public int PageNumber { get; private set; } = 1;

    public bool HasOlder { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? p, CancellationToken ct)
    {
        if (!await LoadSymposiumAsync(id, ct))
        {
            return NotFound();
        }

        PageNumber = Math.Max(1, p ?? 1);
        // One more than a page tells whether there is an older page.
        var rows = await Sender.Send(new ListStaffActions(null, PageSize + 1, id, (PageNumber - 1) * PageSize), ct);
        if (rows.IsFailure)
        {
            return Refused(rows.Error);
        }

        HasOlder = rows.Value.Count > PageSize;
        Actions = [.. rows.Value.Take(PageSize)];
        return Page();
    }

    /// <summary>"RecordSessionOutcome.NoShow" → "Record session outcome: no show".</summary>
    public static string Describe(string action)
    {
        var words = new System.Text.StringBuilder();
        foreach (var c in action)
        {
            if (c == '.')
            {
                words.Append(':');
                continue;
            }

            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(words.Length == 0 ? c : char.ToLowerInvariant(c));
        }

        return words.ToString();
    }
}
