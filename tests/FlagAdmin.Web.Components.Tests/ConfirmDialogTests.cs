using FlagAdmin.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FlagAdmin.Web.Components.Tests;

/// <summary>The shared confirmation dialog: what it asks, a reason when the project requires one, cancel.</summary>
public sealed class ConfirmDialogTests : AdminUi
{
    private static readonly Confirmation TurnOn = new(
        "Turn new-checkout on in Production?", "Production is protected: customers see this at once.", "Turn on", AskReason: true, RequireReason: true);

    private async Task<(IRenderedComponent<Providers> Ui, Task<Confirmed?> Answer)> AskAsync(Confirmation confirmation)
    {
        var ui = Render(_ => { });
        var dialogs = Ui.Services.GetRequiredService<IDialogService>();
        Task<Confirmed?> answer = null!;
        await ui.InvokeAsync(() => { answer = dialogs.ConfirmAsync(confirmation); });
        ui.WaitForElement(".confirm-dialog");
        return (ui, answer);
    }

    [Fact]
    public async Task A_required_reason_must_be_given_before_the_dialog_confirms()
    {
        var (ui, answer) = await AskAsync(TurnOn);
        Assert.Contains("Production is protected", ui.Find(".confirm-dialog").TextContent);
        Assert.Equal("Reason (required)", ui.Find(".confirm-dialog label").TextContent);

        ui.Button("Turn on").Click();

        Assert.False(answer.IsCompleted);
        Assert.Contains("asks for a reason", ui.Find(".confirm-dialog .mud-input-helper-text").TextContent);

        ui.Find(".confirm-dialog input").Change("  Launch day  ");
        ui.Button("Turn on").Click();

        ui.WaitForAssertion(() => Assert.True(answer.IsCompletedSuccessfully));
        Assert.Equal(new Confirmed("Launch day"), await answer);
        ui.WaitForAssertion(() => Assert.Empty(ui.FindAll(".confirm-dialog")));
    }

    [Fact]
    public async Task An_optional_reason_may_be_left_empty()
    {
        var (ui, answer) = await AskAsync(TurnOn with { RequireReason = false });
        Assert.Equal("Reason (optional)", ui.Find(".confirm-dialog label").TextContent);

        ui.Button("Turn on").Click();

        ui.WaitForAssertion(() => Assert.True(answer.IsCompletedSuccessfully));
        Assert.Equal(new Confirmed(null), await answer);
    }

    [Fact]
    public async Task Cancel_answers_null_and_asks_no_reason_when_none_is_wanted()
    {
        var (ui, answer) = await AskAsync(new Confirmation("Archive dark-banner?", "It stops being served.", "Archive", Destructive: true));
        Assert.Empty(ui.FindAll(".confirm-dialog input"));
        Assert.Contains("mud-button-filled-error", ui.Button("Archive").ClassName);

        ui.Button("Cancel").Click();

        ui.WaitForAssertion(() => Assert.True(answer.IsCompletedSuccessfully));
        Assert.Null(await answer);
    }
}
