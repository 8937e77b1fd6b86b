using Mediator;
using Microsoft.AspNetCore.Mvc;
using SymposiumBooking.Web.Features.Staff;

namespace SymposiumBooking.Web.Pages.Organize;

/// <summary>Staff accounts: invite an organizer, send an invitation again, remove an account (after a confirmation).</summary>
public sealed class StaffModel(ISender sender) : OrganizerPageModel(sender)
{
    public IReadOnlyList<StaffAccountView> Accounts { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    /// <summary>The account whose removal waits for a confirmation (<c>?remove=</c>).</summary>
    public StaffAccountView? ToRemove { get; private set; }

    public async Task OnGetAsync(Guid? remove, CancellationToken ct)
    {
        await LoadAsync(ct);
        ToRemove = Accounts.FirstOrDefault(a => a.Id == remove && a.Status != "removed");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var invited = await Sender.Send(new InviteOrganizer(Name ?? "", Email ?? ""), ct);
        if (invited.IsFailure)
        {
            await LoadAsync(ct);
            return Refused(invited.Error);
        }

        return Done("/organize/staff", $"{invited.Value.Name} invited as an organizer — invitation queued to {invited.Value.Email}.");
    }

    public async Task<IActionResult> OnPostResendAsync(Guid userId, CancellationToken ct)
    {
        var resent = await Sender.Send(new ResendInvitation(userId), ct);
        if (resent.IsFailure)
        {
            await LoadAsync(ct);
            return Refused(resent.Error);
        }

        return Done("/organize/staff", $"Invitation sent again to {resent.Value.Email}; the earlier link no longer works.");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid userId, CancellationToken ct)
    {
        await LoadAsync(ct);
        var who = Accounts.FirstOrDefault(a => a.Id == userId);
        var removed = await Sender.Send(new RemoveStaffAccount(userId, StaffApi.StaffId(User)), ct);
        return removed.IsFailure
            ? Refused(removed.Error)
            : Done("/organize/staff", $"{who?.Name ?? "The account"} removed: it can no longer sign in. Its past actions stay in the log.");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var list = await Sender.Send(new ListStaffAccounts(), ct);
        Accounts = list.IsSuccess ? list.Value : [];
    }
}
