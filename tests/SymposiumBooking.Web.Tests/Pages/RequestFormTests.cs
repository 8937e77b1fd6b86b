using NodaTime;
using SymposiumBooking.Domain.Opening;
using SymposiumBooking.Web.Pages.Requests;

namespace SymposiumBooking.Web.Tests.Pages;

/// <summary>The request form's ranked list: each choice as one form value, and what each list button does (docs/adr/0140).</summary>
public sealed class RequestFormTests
{
    private static readonly Guid Slot = Guid.Parse("11111111-2222-3333-4444-555555555555");
    private static readonly Guid Ana = Guid.Parse("aaaaaaaa-2222-3333-4444-555555555555");

    public static TheoryData<RequestedChoice> Shapes() =>
    [
        new RequestedChoice(Slot, null, null, null),
        new RequestedChoice(null, new LocalDate(2030, 6, 11), new LocalTime(9, 0), null),
        new RequestedChoice(null, new LocalDate(2030, 6, 11), null, Ana),
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_choice_reads_back_from_its_form_value(RequestedChoice choice) =>
        Assert.Equal(choice, ChoiceCode.Parse(ChoiceCode.Write(choice)));

    [Theory]
    [InlineData("")]
    [InlineData("slot:not-a-guid")]
    [InlineData("at:2030-06-11")]
    [InlineData("with:2030-06-11")]
    [InlineData("at:2030-13-11T09:00")]
    public void A_forged_value_reads_as_no_choice_for_the_validator_to_name(string code) => Assert.Null(ChoiceCode.Parse(code));

    [Fact]
    public void Move_up_swaps_with_the_one_above_and_keeps_the_focus_on_the_moved_choice()
    {
        var edit = ChoiceEdit.Apply(["a", "b", "c"], "up:2", 5, c => c);
        Assert.Equal(["a", "c", "b"], edit.Choices);
        Assert.Equal("choice-1-up", edit.FocusId);
        Assert.Equal("Moved c to number 2.", edit.Said);

        var top = ChoiceEdit.Apply(edit.Choices, "up:1", 5, c => c);
        Assert.Equal(["c", "a", "b"], top.Choices);
        Assert.Equal("choice-0-down", top.FocusId); // at the top there is no Move up: its other button
    }

    [Fact]
    public void Move_down_at_the_bottom_and_a_forged_index_change_nothing()
    {
        Assert.Equal(["a", "b"], ChoiceEdit.Apply(["a", "b"], "down:1", 5, c => c).Choices);
        Assert.Equal(["a", "b"], ChoiceEdit.Apply(["a", "b"], "remove:7", 5, c => c).Choices);
        Assert.Null(ChoiceEdit.Apply(["a", "b"], "up:-1", 5, c => c).Said);
    }

    [Fact]
    public void Adding_stops_at_the_most_choices_and_never_lists_a_choice_twice()
    {
        var code = $"slot:{Slot}";
        var added = ChoiceEdit.Apply([], $"add:{code}", 1, c => "9:00");
        Assert.Equal([code], added.Choices);
        Assert.Equal(ChoiceEdit.ChoicesStatus, added.FocusId);

        Assert.Equal([code], ChoiceEdit.Apply(added.Choices, $"add:{code}", 5, c => "9:00").Choices);
        var full = ChoiceEdit.Apply(added.Choices, $"add:with:2030-06-11:{Ana}", 1, c => c);
        Assert.Equal([code], full.Choices);
        Assert.Equal("You already have the most choices allowed (1). Remove one to add another.", full.Said);
    }

    [Fact]
    public void Remove_takes_the_choice_out_and_says_so()
    {
        var edit = ChoiceEdit.Apply(["a", "b", "c"], "remove:1", 5, c => c);
        Assert.Equal(["a", "c"], edit.Choices);
        Assert.Equal("Removed b.", edit.Said);
    }
}
