using AngleSharp.Dom;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Targeting;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Components.Pages.Flags.Detail;
using FlagAdmin.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Components.Tests;

/// <summary>
/// The flag page: controls per role with the reason, an environment panel's save and each of its outcomes (field messages
/// with the form as typed, the protected environment's dialog, a conflict, the database down), the rollout box and slider
/// on one value, the details form, archive and delete, try it, history and live updates.
/// </summary>
public sealed class FlagDetailPageTests() : AdminUi(nameof(IFlagRepository.UpdateStateAsync))
{
    private static readonly ChangeContext Colleague = new("colleague@example.com", Role: Role.Admin);

    private IRenderedComponent<Providers> Open(string flag = "new-checkout")
    {
        var page = Render(builder =>
        {
            builder.OpenComponent<FlagDetailPage>(0);
            builder.AddAttribute(1, nameof(FlagDetailPage.ProjectKey), "shop");
            builder.AddAttribute(2, nameof(FlagDetailPage.FlagKey), flag);
            builder.CloseComponent();
        });
        page.WaitForElement("#panel-production");
        return page;
    }

    private static IElement Panel(IRenderedComponent<Providers> page, string environment) => page.Find($"#panel-{environment}");

    private static IElement PanelButton(IRenderedComponent<Providers> page, string environment, string text) =>
        Panel(page, environment).QuerySelectorAll("button").Single(b => b.TextContent.Trim() == text);

    private static void Save(IRenderedComponent<Providers> page, string environment) =>
        page.Find($"#panel-{environment} form").Submit();

    private async Task<FlagState> StateAsync(string environment, string flag = "new-checkout") =>
        (await Flags.GetFlagAsync("shop", flag)).StateIn(environment)!;

    private static void ConfirmDialog(IRenderedComponent<Providers> page, string button, string? reason = null)
    {
        page.WaitForElement(".confirm-dialog");
        if (reason is not null)
        {
            page.Find(".confirm-dialog input").Change(reason);
        }
        page.FindAll(".confirm-dialog button").Single(b => b.TextContent.Trim() == button).Click();
    }

    [Fact]
    public async Task A_viewer_sees_every_control_disabled_with_the_reason()
    {
        await SignInAsync(Role.Viewer, "viewer@example.com");

        var page = Open();

        Assert.Contains(FlagDetailPage.ViewerLimits, page.Find($"#{FlagDetailPage.LockedId}").TextContent);
        foreach (var environment in new[] { "development", "staging", "production" })
        {
            Assert.True(page.Find($"#panel-{environment} .flag-enabled input").HasAttribute("disabled"));
            Assert.True(page.Find($"#panel-{environment}-rollout").HasAttribute("disabled"));
            var save = PanelButton(page, environment, $"Save {Capitalized(environment)}");
            Assert.True(save.HasAttribute("disabled"));
            Assert.Equal(FlagDetailPage.LockedId, save.GetAttribute("aria-describedby"));
        }
        Assert.True(page.Find("#flag-name").HasAttribute("disabled"));
        Assert.True(page.Button("Save details").HasAttribute("disabled"));
        foreach (var text in new[] { "Archive flag", "Delete flag" })
        {
            var button = page.Button(text);
            Assert.True(button.HasAttribute("disabled"));
            Assert.Equal(ArchiveOrDelete.Why, page.Find("#" + button.GetAttribute("aria-describedby")).TextContent.Trim());
        }
    }

    [Fact]
    public async Task An_editor_toggles_but_the_rollout_rules_and_config_are_locked_for_them()
    {
        await SignInAsync(Role.Editor, "editor@example.com");
        var page = Open();
        Assert.Contains(FlagDetailPage.EditorLimits, page.Find($"#{FlagDetailPage.LockedId}").TextContent);
        Assert.True(page.Find("#panel-staging-rollout").HasAttribute("disabled"));
        Assert.True(page.Find("#panel-staging-config").HasAttribute("disabled"));
        Assert.True(page.Find("#panel-staging .flag-rules").HasAttribute("disabled"));

        page.Find("#panel-staging .flag-enabled input").Change(true);
        Save(page, "staging");

        page.WaitForAssertion(() => Assert.Contains("Saved Staging.", page.Snackbars()));
        var stored = await StateAsync("staging");
        Assert.Equal((true, "editor@example.com", 10_000), (stored.Enabled, stored.UpdatedBy, stored.RolloutBasisPoints));
        page.WaitForAssertion(() => Assert.Equal("On", Panel(page, "staging").QuerySelector(".flag-stored-state")!.TextContent.Trim()));
    }

    [Fact]
    public async Task The_rollout_box_and_slider_show_one_value_and_12_34_percent_is_stored_as_1234_basis_points()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        var slider = () => page.Find("#panel-staging .flag-rollout-slider input[type=range]");
        Assert.Equal("100", slider().GetAttribute("value"));

        page.Find("#panel-staging-rollout").Change("12.34");
        page.WaitForAssertion(() => Assert.Equal("12.34", slider().GetAttribute("value")));

        slider().Input("40.5");
        page.WaitForAssertion(() => Assert.Equal("40.5", page.Find("#panel-staging-rollout").GetAttribute("value")));

        page.Find("#panel-staging-rollout").Change("12.34");
        Save(page, "staging");

        page.WaitForAssertion(() => Assert.Contains("Saved Staging.", page.Snackbars()));
        Assert.Equal(1234, (await StateAsync("staging")).RolloutBasisPoints);
    }

    [Theory]
    [InlineData("150", "The rollout must be between 0 and 100 %.")]
    [InlineData("12.345", "The rollout must be given in steps of 0.01 % (at most two decimals).")]
    public async Task A_rollout_out_of_range_is_explained_next_to_the_box_and_nothing_is_stored(string typed, string message)
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        var before = await StateAsync("staging");

        page.Find("#panel-staging-rollout").Change(typed);
        page.Find("#panel-staging-config").Change("{\"colour\": \"blue\"}");
        Save(page, "staging");

        page.WaitForAssertion(() => Assert.Equal(message, FieldError(page, "panel-staging-rollout")));
        Assert.Equal(typed, page.Find("#panel-staging-rollout").GetAttribute("value"));
        Assert.Equal("{\"colour\": \"blue\"}", page.Find("#panel-staging-config").TextContent);
        Assert.Equal(before, await StateAsync("staging"));
    }

    [Fact]
    public async Task Config_that_is_not_json_is_explained_next_to_the_field_and_valid_json_is_stored_compact()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();

        page.Find("#panel-staging-config").Change("{colour: blue}");
        Save(page, "staging");

        page.WaitForAssertion(() => Assert.Contains("JSON", FieldError(page, "panel-staging-config")));
        Assert.Null((await StateAsync("staging")).Config);

        page.Find("#panel-staging-config").Change("{ \"colour\" : \"blue\" }");
        Save(page, "staging");

        page.WaitForAssertion(() => Assert.Contains("Saved Staging.", page.Snackbars()));
        Assert.Equal("{\"colour\":\"blue\"}", (await StateAsync("staging")).Config);
    }

    [Fact]
    public async Task A_protected_environment_confirms_in_a_dialog_with_the_reason_the_project_requires()
    {
        await RequireReasonsAsync();
        await SignInAsync(Role.Editor, "editor@example.com");
        var page = Open();
        Assert.Contains("Reason for the change (required)", Panel(page, "production").TextContent);

        page.Find("#panel-production .flag-enabled input").Change(true);
        Save(page, "production");
        page.WaitForElement(".confirm-dialog");
        Assert.Contains("Production is a protected environment", page.Find(".confirm-dialog").TextContent);
        Assert.Equal("Reason (required)", page.Find(".confirm-dialog label").TextContent);
        ConfirmDialog(page, "Save Production");
        Assert.Contains("asks for a reason", page.Find(".confirm-dialog .mud-input-helper-text").TextContent);
        Assert.False((await StateAsync("production")).Enabled);

        ConfirmDialog(page, "Save Production", "Launch day");

        page.WaitForAssertion(() => Assert.Contains("Saved Production.", page.Snackbars()));
        Assert.True((await StateAsync("production")).Enabled);
        var entry = (await Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", FlagKey = "new-checkout", Limit = 1 })).Items.Single();
        Assert.Equal((AuditAction.FlagToggled, "Launch day"), (entry.Action, entry.Reason));
    }

    [Fact]
    public async Task Cancelling_the_protected_dialog_saves_nothing_and_keeps_the_form()
    {
        await SignInAsync(Role.Editor, "editor@example.com");
        var page = Open();

        page.Find("#panel-production .flag-enabled input").Change(true);
        Save(page, "production");
        ConfirmDialog(page, "Cancel");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".confirm-dialog")));
        Assert.False((await StateAsync("production")).Enabled);
        Assert.True(page.Find("#panel-production .flag-enabled input").HasAttribute("checked"));
    }

    [Fact]
    public async Task A_reason_typed_in_the_panel_is_used_and_the_dialog_only_confirms()
    {
        await RequireReasonsAsync();
        await SignInAsync(Role.Editor, "editor@example.com");
        var page = Open();

        page.Find("#panel-production .flag-enabled input").Change(true);
        page.Find("#panel-production-reason").Change("Incident 42 fixed");
        Save(page, "production");
        page.WaitForElement(".confirm-dialog");
        Assert.Empty(page.FindAll(".confirm-dialog input"));
        ConfirmDialog(page, "Save Production");

        page.WaitForAssertion(() => Assert.Contains("Saved Production.", page.Snackbars()));
        var entry = (await Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", FlagKey = "new-checkout", Limit = 1 })).Items.Single();
        Assert.Equal("Incident 42 fixed", entry.Reason);
    }

    [Fact]
    public async Task Someone_elses_save_meanwhile_opens_the_conflict_dialog_and_apply_mine_puts_mine_on_top()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        page.Find("#panel-staging-rollout").Change("45");
        var seen = await StateAsync("staging");
        await Flags.SetRolloutAsync("shop", "new-checkout", "staging", 3000, seen.Version, Colleague);
        page.WaitForElement("#panel-staging .flag-stale");
        Assert.Equal("45", page.Find("#panel-staging-rollout").GetAttribute("value"));

        Save(page, "staging");

        page.WaitForElement(".conflict-dialog");
        Assert.Contains("colleague@example.com changed this", page.Find(".conflict-who").TextContent);
        var rollout = page.FindAll(".conflict-rows tr").Single(r => r.QuerySelector("th")!.TextContent == "Rollout");
        Assert.Equal(("30 %", "45 %"), (rollout.QuerySelector(".conflict-theirs")!.TextContent, rollout.QuerySelector(".conflict-yours")!.TextContent));
        Assert.Equal(3000, (await StateAsync("staging")).RolloutBasisPoints);

        page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Apply mine on top").Click();

        page.WaitForAssertion(() => Assert.Contains("Saved Staging.", page.Snackbars()));
        var stored = await StateAsync("staging");
        Assert.Equal((4500, "admin@example.com"), (stored.RolloutBasisPoints, stored.UpdatedBy));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#panel-staging .flag-stale")));
    }

    [Fact]
    public async Task Reload_theirs_in_the_conflict_dialog_shows_what_is_stored()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        page.Find("#panel-staging-rollout").Change("45");
        var seen = await StateAsync("staging");
        await Flags.SetRolloutAsync("shop", "new-checkout", "staging", 3000, seen.Version, Colleague);

        Save(page, "staging");
        page.WaitForElement(".conflict-dialog");
        page.FindAll(".conflict-dialog ~ * button, .mud-dialog button").Single(b => b.TextContent.Trim() == "Reload theirs").Click();

        page.WaitForAssertion(() => Assert.Equal("30", page.Find("#panel-staging-rollout").GetAttribute("value")));
        Assert.Equal(3000, (await StateAsync("staging")).RolloutBasisPoints);
    }

    [Fact]
    public async Task Others_changes_reach_an_untouched_panel_at_once_and_are_announced()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        var seen = await StateAsync("development");

        await Flags.SetRolloutAsync("shop", "new-checkout", "development", 2500, seen.Version, Colleague);

        page.WaitForAssertion(() => Assert.Equal("25", page.Find("#panel-development-rollout").GetAttribute("value")));
        Assert.Contains(page.Snackbars(), s => s.StartsWith("colleague@example.com", StringComparison.Ordinal));
        Assert.Empty(page.FindAll(".flag-stale"));
        page.WaitForAssertion(() => Assert.Contains("colleague@example.com", page.Find(".flag-history").TextContent));
    }

    [Fact]
    public async Task My_own_save_is_not_announced_back_to_me()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();

        page.Find("#panel-development .flag-enabled input").Change(true);
        Save(page, "development");

        page.WaitForAssertion(() => Assert.Contains("Saved Development.", page.Snackbars()));
        page.WaitForAssertion(() => Assert.Contains("admin@example.com", page.Find(".flag-history").TextContent));
        Assert.DoesNotContain(page.Snackbars(), s => s.StartsWith("admin@example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_database_down_the_panel_says_so_and_keeps_what_was_typed()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        page.Find("#panel-staging-rollout").Change("12.34");
        Outage.Down = true;

        Save(page, "staging");

        page.WaitForAssertion(() => Assert.Contains(Outcomes.StoreDown, page.Snackbars()));
        Assert.Contains("What you typed is still here", page.Find("#panel-staging .store-down").TextContent);
        Assert.Equal("12.34", page.Find("#panel-staging-rollout").GetAttribute("value"));
        Outage.Down = false;
        Assert.Equal(10_000, (await StateAsync("staging")).RolloutBasisPoints);
    }

    [Fact]
    public async Task An_admin_demoted_since_the_page_opened_is_refused_and_nothing_is_stored()
    {
        var admin = await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        page.Find("#panel-staging-rollout").Change("50");
        await ChangeStoredUserAsync(admin, role: Role.Editor);

        Save(page, "staging");

        page.WaitForAssertion(() => Assert.Contains(page.Snackbars(), s => s.StartsWith("Not saved: Changing the rollout needs the Admin role", StringComparison.Ordinal)));
        Assert.Equal(10_000, (await StateAsync("staging")).RolloutBasisPoints);
        Assert.Equal("50", page.Find("#panel-staging-rollout").GetAttribute("value"));
    }

    [Fact]
    public async Task Saving_a_panel_without_a_change_says_so_and_writes_nothing()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        var before = await StateAsync("staging");

        Save(page, "staging");

        page.WaitForAssertion(() => Assert.Contains("Nothing to save: this is what is stored already.", page.Snackbars()));
        Assert.Equal(before, await StateAsync("staging"));
    }

    [Fact]
    public async Task The_details_are_saved_and_a_blank_name_is_explained_next_to_the_field_with_the_form_as_typed()
    {
        await SignInAsync(Role.Editor, "editor@example.com");
        var page = Open();
        Assert.True(page.Find("#flag-key").HasAttribute("readonly"));

        page.Find("#flag-name").Change(" ");
        page.Find("#flag-tags").Change("web, pay");
        page.Find("form.flag-metadata-form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Name is required.", FieldError(page, "flag-name")));
        Assert.Equal("web, pay", page.Find("#flag-tags").GetAttribute("value"));
        Assert.Equal("New checkout", (await Flags.GetFlagAsync("shop", "new-checkout")).Flag.Name);

        page.Find("#flag-name").Change("Checkout v2");
        page.Find("form.flag-metadata-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Saved the flag's details.", page.Snackbars()));
        var flag = (await Flags.GetFlagAsync("shop", "new-checkout")).Flag;
        Assert.Equal("Checkout v2", flag.Name);
        Assert.Equal(["pay", "web"], flag.Tags);
        page.WaitForAssertion(() => Assert.Equal("Checkout v2", page.Find("h1").TextContent.Trim()));
    }

    [Fact]
    public async Task Details_saved_over_someone_elses_rename_show_the_conflict_and_keep_editing_keeps_the_form()
    {
        await SignInAsync(Role.Editor, "editor@example.com");
        var page = Open();
        page.Find("#flag-description").Change("Mine");
        var flag = (await Flags.GetFlagAsync("shop", "new-checkout")).Flag;
        await Flags.UpdateFlagAsync(new FlagUpdate { ProjectKey = "shop", Key = "new-checkout", ExpectedVersion = flag.Version, Name = "Theirs" }, Colleague);

        page.Find("form.flag-metadata-form").Submit();

        page.WaitForElement(".conflict-dialog");
        var name = page.FindAll(".conflict-rows tr").Single(r => r.QuerySelector("th")!.TextContent == "Name");
        Assert.Equal(("Theirs", "New checkout"), (name.QuerySelector(".conflict-theirs")!.TextContent, name.QuerySelector(".conflict-yours")!.TextContent));
        page.Find(".conflict-dialog").ParentElement!.QuerySelector("button.mud-button-close")?.Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".conflict-dialog")));
        Assert.Equal("Mine", page.Find("#flag-description").TextContent);
        Assert.Equal("", (await Flags.GetFlagAsync("shop", "new-checkout")).Flag.Description);
    }

    [Fact]
    public async Task An_admin_archives_and_restores_the_flag_through_dialogs()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();

        page.Button("Archive flag").Click();
        ConfirmDialog(page, "Archive");

        page.WaitForAssertion(() => Assert.Contains("Archived new-checkout.", page.Snackbars()));
        Assert.True((await Flags.GetFlagAsync("shop", "new-checkout")).Flag.Archived);
        page.WaitForElement(".flag-archived");

        page.Button("Unarchive flag").Click();
        ConfirmDialog(page, "Restore");

        page.WaitForAssertion(() => Assert.Contains("Restored new-checkout.", page.Snackbars()));
        Assert.False((await Flags.GetFlagAsync("shop", "new-checkout")).Flag.Archived);
    }

    [Fact]
    public async Task Deleting_asks_first_and_then_returns_to_the_flags_list()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();

        page.Button("Delete flag").Click();
        ConfirmDialog(page, "Cancel");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".confirm-dialog")));
        Assert.NotNull(await Flags.FindFlagVersionAsync("shop", "new-checkout"));

        page.Button("Delete flag").Click();
        ConfirmDialog(page, "Delete flag");

        page.WaitForAssertion(() => Assert.EndsWith("/projects/shop/flags", Ui.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri));
        Assert.Null(await Flags.FindFlagVersionAsync("shop", "new-checkout"));
    }

    [Fact]
    public async Task Try_it_evaluates_a_typed_context_with_the_rules_of_the_environment()
    {
        var state = await StateAsync("staging");
        await Flags.UpdateStateAsync(FlagStateUpdate.From(state) with
        {
            Enabled = true,
            Rules = [new TargetingRule { Conditions = [new Condition("country", ConditionOperator.In, ["DE", "AT"])], Variant = "off" }],
        }, Seed);
        await SignInAsync(Role.Viewer, "viewer@example.com");
        var page = Open();

        page.Find("#try-targeting-key").Change("user-1");
        page.Find("#try-attr0-name").Change("country");
        page.Find("#try-attr0-value").Change("AT");
        SelectEnvironment(page, "Staging");
        page.Find("form.flag-try-form").Submit();

        page.WaitForAssertion(() => Assert.Equal("off", page.Find("[data-result=variant]").TextContent));
        Assert.Equal("false", page.Find("[data-result=value]").TextContent);
        Assert.Equal("TARGETING_MATCH", page.Find("[data-result=reason]").TextContent);

        page.Find("#try-json").Change("[1]");
        page.Find("form.flag-try-form").Submit();
        page.WaitForAssertion(() => Assert.Contains("must be one object", page.Find(".try-problem").TextContent));
    }

    [Fact]
    public async Task The_history_lists_the_flags_changes_newest_first_with_the_reason()
    {
        var state = await StateAsync("development");
        await Flags.SetEnabledAsync("shop", "new-checkout", "development", true, state.Version, new("pm@example.com", "Beta starts", Role: Role.Editor));
        await SignInAsync(Role.Viewer, "viewer@example.com");

        var page = Open();

        var entries = page.FindAll(".flag-history > li");
        Assert.Equal(2, entries.Count);
        Assert.Contains("Turned on or off", entries[0].TextContent);
        Assert.Contains("pm@example.com", entries[0].TextContent);
        Assert.Contains("Beta starts", entries[0].TextContent);
        Assert.Contains("Created", entries[1].TextContent);
    }

    private static void SelectEnvironment(IRenderedComponent<Providers> page, string name)
    {
        page.Find(".try-environment .mud-select-input").MouseDown();
        page.WaitForAssertion(() => page.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == name).Click());
    }

    private async Task RequireReasonsAsync()
    {
        var project = await Flags.GetProjectAsync("shop");
        await Flags.UpdateProjectAsync(new ProjectUpdate("shop", project.Version, project.Name, true), Seed);
    }

    /// <summary>The message MudBlazor shows under the field whose input has <paramref name="inputId"/>.</summary>
    internal static string FieldError(IRenderedComponent<Providers> page, string inputId) =>
        page.Find($"#{inputId}").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text.mud-input-error, .mud-input-error .mud-input-helper-text")?.TextContent.Trim() ?? "";

    private static string Capitalized(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
