using FlagAdmin.Core.Errors;
using FlagAdmin.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FlagAdmin.Web.Components.Tests;

/// <summary>The shared conflict dialog: who changed it and when, theirs against yours, and the two ways on.</summary>
public sealed class ConflictDialogTests : AdminUi
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 14, 30, 5, TimeSpan.Zero);

    private static readonly ConflictRow[] Rows =
    [
        new("Name", "Checkout (new)", "One-page checkout"),
        new("Reason required", "yes", "no"),
    ];

    private async Task<(IRenderedComponent<Providers> Ui, Task<ConflictChoice> Choice)> ShowAsync(VersionConflictException conflict)
    {
        var ui = Render(_ => { });
        var dialogs = Ui.Services.GetRequiredService<IDialogService>();
        Task<ConflictChoice> choice = null!;
        await ui.InvokeAsync(() => { choice = dialogs.ResolveConflictAsync(conflict, Rows); });
        ui.WaitForElement(".conflict-dialog");
        return (ui, choice);
    }

    private static VersionConflictException Conflict(object? current) => new("Project", "shop", current, "bob@example.com", At);

    [Fact]
    public async Task It_shows_who_changed_it_when_and_theirs_against_yours()
    {
        var (ui, _) = await ShowAsync(Conflict(current: new object()));

        Assert.Equal("bob@example.com changed this at 2026-12-07 14:30:05 UTC since you loaded it. Your change was not saved.",
            string.Join(" ", ui.Find(".conflict-who").TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)));
        var rows = ui.FindAll(".conflict-rows tbody tr")
            .Select(r => (r.QuerySelector("th")!.TextContent, r.QuerySelector(".conflict-theirs")!.TextContent, r.QuerySelector(".conflict-yours")!.TextContent));
        Assert.Equal([("Name", "Checkout (new)", "One-page checkout"), ("Reason required", "yes", "no")], rows);
    }

    [Theory]
    [InlineData("Reload theirs", ConflictChoice.ReloadTheirs)]
    [InlineData("Apply mine on top", ConflictChoice.ApplyMine)]
    public async Task Each_button_answers_its_choice(string button, ConflictChoice expected)
    {
        var (ui, choice) = await ShowAsync(Conflict(current: new object()));

        ui.Button(button).Click();

        ui.WaitForAssertion(() => Assert.True(choice.IsCompletedSuccessfully));
        Assert.Equal(expected, await choice);
    }

    [Fact]
    public async Task When_theirs_was_deleted_there_is_nothing_to_apply_mine_on()
    {
        var (ui, choice) = await ShowAsync(Conflict(current: null));

        Assert.DoesNotContain(ui.FindAll("button"), b => b.TextContent.Trim() == "Apply mine on top");
        ui.Button("Reload theirs").Click();
        ui.WaitForAssertion(() => Assert.True(choice.IsCompletedSuccessfully));
        Assert.Equal(ConflictChoice.ReloadTheirs, await choice);
    }

    [Fact]
    public async Task Closing_the_dialog_keeps_editing()
    {
        var (ui, choice) = await ShowAsync(Conflict(current: new object()));

        ui.Find(".mud-dialog .mud-button-close").Click();

        ui.WaitForAssertion(() => Assert.True(choice.IsCompletedSuccessfully));
        Assert.Equal(ConflictChoice.KeepEditing, await choice);
    }
}
