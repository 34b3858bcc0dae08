using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Components.Pages.Projects;
using FlagAdmin.Storage.Memory;
using FlagAdmin.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Components.Tests;

/// <summary>
/// A project's settings: its name and reason rule, and its environments (add, rename, protect, move), each save with
/// every outcome — saved, field errors with the form as typed, the database down, a refusal, someone else's change
/// first (the conflict dialog; a move moves nothing) — and others' changes reaching the open page.
/// </summary>
public sealed class SettingsPageTests : AdminUi
{
    private static readonly ChangeContext Eve = new("eve@example.com");

    private IRenderedComponent<Providers> Open() => Render(builder =>
    {
        builder.OpenComponent<SettingsPage>(0);
        builder.AddAttribute(1, nameof(SettingsPage.ProjectKey), "shop");
        builder.CloseComponent();
    });

    private async Task<IRenderedComponent<Providers>> OpenAsAdminAsync()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        page.WaitForElement("form.project-settings");
        return page;
    }

    private static List<string> Rows(IRenderedComponent<Providers> page) =>
        page.FindAll("li.environment-row").Select(li => li.GetAttribute("data-key")!).ToList();

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<Providers> page, string key) => page.Find($"li.environment-row[data-key={key}]");

    private async Task<ProjectEnvironment> EnvironmentAsync(string key) => (await Flags.ListEnvironmentsAsync("shop")).Single(e => e.Key == key);

    private async Task<AuditEntry> LastEntryAsync() => (await Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", Limit = 1 })).Items[0];

    private async Task<int> EntriesAsync() => (await Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", Limit = AuditQuery.MaxLimit })).Items.Count;

    [Fact]
    public async Task An_admin_renames_the_project_and_requires_reasons_with_a_reason_of_their_own()
    {
        var page = await OpenAsAdminAsync();

        page.Find("#project-name").Change("Shop EU");
        page.Find("form.project-settings input[type=checkbox]").Change(true);
        page.Find("#project-reason").Change("Audit asked for it");
        await page.Find("form.project-settings").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("Project settings saved.", page.Snackbars()));
        var project = await Flags.GetProjectAsync("shop");
        Assert.Equal(("Shop EU", true), (project.Name, project.RequireReasonInProtectedEnvironments));
        var entry = await LastEntryAsync();
        Assert.Equal((AuditAction.ProjectUpdated, "admin@example.com", "Audit asked for it"), (entry.Action, entry.Actor, entry.Reason));
        page.WaitForAssertion(() => Assert.Contains("Settings of Shop EU", page.Find("h1").TextContent));
        Assert.Equal("", page.Find("#project-reason").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task An_empty_project_name_is_explained_next_to_it_the_form_stays_as_typed_and_nothing_is_stored()
    {
        var page = await OpenAsAdminAsync();
        var entries = await EntriesAsync();

        page.Find("#project-name").Change(" ");
        page.Find("#project-reason").Change("typo fix");
        await page.Find("form.project-settings").SubmitAsync();

        page.WaitForAssertion(() => Assert.Equal("Project name is required.", page.Find("form.project-settings .mud-input-error .mud-input-helper-text").TextContent.Trim()));
        Assert.Equal("typo fix", page.Find("#project-reason").GetAttribute("value"));
        Assert.Single(page.Snackbars(), s => s.StartsWith("Not saved:", StringComparison.Ordinal));
        Assert.Equal("Shop", (await Flags.GetProjectAsync("shop")).Name);
        Assert.Equal(entries, await EntriesAsync());
    }

    [Fact]
    public async Task With_the_database_down_a_new_environment_is_not_added_and_the_form_stays_as_typed()
    {
        var page = await OpenAsAdminAsync();
        page.Find("#new-environment-key").Change("qa");
        page.Find("#new-environment-name").Change("QA");
        Outage.Method = nameof(IFlagRepository.CreateEnvironmentAsync);
        Outage.Down = true;

        await page.Find("form.environment-create").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains(Outcomes.StoreDown, page.Snackbars()));
        Assert.Contains("What you typed is still here", page.Find("form.environment-create").ParentElement!.QuerySelector(".store-down")!.TextContent);
        Assert.Equal(("qa", "QA"), (page.Find("#new-environment-key").GetAttribute("value"), page.Find("#new-environment-name").GetAttribute("value")));
        Outage.Down = false;
        Assert.Equal(3, (await Flags.ListEnvironmentsAsync("shop")).Count);
    }

    [Fact]
    public async Task With_the_database_down_a_move_says_so_and_nothing_moves()
    {
        var page = await OpenAsAdminAsync();
        Outage.Down = true;

        page.Find("button[aria-label='Move Production up']").Click();

        page.WaitForAssertion(() => Assert.Contains(Outcomes.StoreDown, page.Snackbars()));
        Assert.Equal(["development", "staging", "production"], Rows(page));
        Outage.Down = false;
        Assert.Equal(["development", "staging", "production"], (await Flags.ListEnvironmentsAsync("shop")).Select(e => e.Key));
    }

    [Fact]
    public async Task A_project_changed_meanwhile_shows_theirs_against_yours_and_apply_mine_saves_mine_on_top()
    {
        var page = await OpenAsAdminAsync();
        page.Find("#project-name").Change("Shop (mine)");
        var project = await Flags.GetProjectAsync("shop");
        await Flags.UpdateProjectAsync(new ProjectUpdate("shop", project.Version, "Shop (theirs)", false), Eve);

        var saving = page.Find("form.project-settings").SubmitAsync();

        page.WaitForElement(".conflict-dialog");
        Assert.Contains("eve@example.com changed this", page.Find(".conflict-who").TextContent);
        Assert.Equal("Shop (theirs)", page.Find(".conflict-rows tbody tr .conflict-theirs").TextContent);
        Assert.Equal("Shop (mine)", page.Find(".conflict-rows tbody tr .conflict-yours").TextContent);
        Assert.Equal("Shop (theirs)", (await Flags.GetProjectAsync("shop")).Name);
        page.Button("Apply mine on top").Click();
        await saving;

        page.WaitForAssertion(() => Assert.Contains("Project settings saved.", page.Snackbars()));
        Assert.Equal("Shop (mine)", (await Flags.GetProjectAsync("shop")).Name);
    }

    [Fact]
    public async Task Reload_theirs_drops_my_edit_and_shows_the_saved_version()
    {
        var page = await OpenAsAdminAsync();
        page.Find("#project-name").Change("Shop (mine)");
        var project = await Flags.GetProjectAsync("shop");
        await Flags.UpdateProjectAsync(new ProjectUpdate("shop", project.Version, "Shop (theirs)", false), Eve);

        var saving = page.Find("form.project-settings").SubmitAsync();
        page.WaitForElement(".conflict-dialog");
        page.Button("Reload theirs").Click();
        await saving;

        page.WaitForAssertion(() => Assert.Equal("Shop (theirs)", page.Find("#project-name").GetAttribute("value")));
        Assert.Equal("Shop (theirs)", (await Flags.GetProjectAsync("shop")).Name);
    }

    [Fact]
    public async Task An_admin_adds_an_environment_at_the_end_and_the_form_is_empty_again()
    {
        var page = await OpenAsAdminAsync();

        page.Find("#new-environment-key").Change("qa");
        page.Find("#new-environment-name").Change("QA");
        page.Find("form.environment-create input[type=checkbox]").Change(true);
        await page.Find("form.environment-create").SubmitAsync();

        page.WaitForAssertion(() => Assert.Equal(["development", "staging", "production", "qa"], Rows(page)));
        Assert.Contains("Environment qa added.", page.Snackbars());
        var qa = await EnvironmentAsync("qa");
        Assert.Equal(("QA", true), (qa.Name, qa.Protected));
        Assert.Equal("", page.Find("#new-environment-key").GetAttribute("value") ?? "");
    }

    [Theory]
    [InlineData("Pro duction", "", "key", "Environment key")]
    [InlineData("staging", "Staging 2", "key", "already taken")]
    [InlineData("qa", "", "name", "Environment name is required.")]
    public async Task A_bad_or_taken_environment_key_or_a_missing_name_is_explained_next_to_the_field(string key, string name, string field, string message)
    {
        var page = await OpenAsAdminAsync();

        page.Find("#new-environment-key").Change(key);
        page.Find("#new-environment-name").Change(name);
        await page.Find("form.environment-create").SubmitAsync();

        var input = field == "key" ? "#new-environment-key" : "#new-environment-name";
        page.WaitForAssertion(() => Assert.Contains(message, page.Find($"form.environment-create .mud-input-control.mud-input-error:has({input}) .mud-input-helper-text").TextContent));
        Assert.Equal(key, page.Find("#new-environment-key").GetAttribute("value"));
        Assert.Equal(3, (await Flags.ListEnvironmentsAsync("shop")).Count);
    }

    [Fact]
    public async Task An_admin_renames_an_environment_and_protects_it_with_a_reason()
    {
        var page = await OpenAsAdminAsync();

        page.Find("#environment-name-staging").Change("Pre-production");
        Row(page, "staging").QuerySelector("input[type=checkbox]")!.Change(true);
        page.Find("#environment-reason-staging").Change("Customers test here");
        await Row(page, "staging").QuerySelector("form")!.SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("Environment staging saved.", page.Snackbars()));
        page.WaitForAssertion(() => Assert.NotNull(Row(page, "staging").QuerySelector(".environment-protected")));
        var stored = await EnvironmentAsync("staging");
        Assert.Equal(("Pre-production", true, 1), (stored.Name, stored.Protected, stored.Order));
        var entry = await LastEntryAsync();
        Assert.Equal((AuditAction.EnvironmentUpdated, "staging", "Customers test here"), (entry.Action, entry.EnvironmentKey, entry.Reason));
    }

    [Fact]
    public async Task An_environment_renamed_meanwhile_is_a_conflict_with_both_names()
    {
        var page = await OpenAsAdminAsync();
        page.Find("#environment-name-staging").Change("Staging EU");
        var staging = await EnvironmentAsync("staging");
        await Flags.UpdateEnvironmentAsync(new EnvironmentUpdate("shop", "staging", staging.Version, "Stage", staging.Order, false), Eve);

        var saving = Row(page, "staging").QuerySelector("form")!.SubmitAsync();
        page.WaitForElement(".conflict-dialog");

        Assert.Equal(("Stage", "Staging EU"), (page.Find(".conflict-theirs").TextContent, page.Find(".conflict-yours").TextContent));
        Assert.Equal("Stage", (await EnvironmentAsync("staging")).Name);
        page.Button("Apply mine on top").Click();
        await saving;

        page.WaitForAssertion(() => Assert.Contains("Environment staging saved.", page.Snackbars()));
        Assert.Equal("Staging EU", (await EnvironmentAsync("staging")).Name);
    }

    [Fact]
    public async Task Moving_an_environment_up_and_down_reorders_them_in_one_call()
    {
        var page = await OpenAsAdminAsync();

        page.Find("button[aria-label='Move Production up']").Click();
        page.WaitForAssertion(() => Assert.Equal(["development", "production", "staging"], Rows(page)));
        page.Find("button[aria-label='Move Development down']").Click();

        page.WaitForAssertion(() => Assert.Equal(["production", "development", "staging"], Rows(page)));
        Assert.Equal(["production", "development", "staging"], (await Flags.ListEnvironmentsAsync("shop")).Select(e => e.Key));
        Assert.True(page.Find("button[aria-label='Move Production up']").HasAttribute("disabled"));
        Assert.True(page.Find("button[aria-label='Move Staging down']").HasAttribute("disabled"));
        Assert.Contains("Environment development moved down.", page.Snackbars());
    }

    [Fact]
    public async Task A_move_over_an_environment_added_since_moves_nothing_and_shows_the_order_now()
    {
        var page = await OpenAsAdminAsync();
        // Added behind the page's back without telling the feed, as a change the page has not heard of yet.
        await Ui.Services.GetRequiredService<MemoryFlagRepository>()
            .CreateEnvironmentAsync(new NewEnvironment("shop", "qa", "QA", 40), Eve);

        page.Find("button[aria-label='Move Production up']").Click();

        page.WaitForAssertion(() => Assert.Contains("missing: qa", page.Find(".form-problem").TextContent));
        page.WaitForAssertion(() => Assert.Equal(["development", "staging", "production", "qa"], Rows(page)));
        Assert.Equal(["development", "staging", "production", "qa"], (await Flags.ListEnvironmentsAsync("shop")).Select(e => e.Key));
    }

    [Fact]
    public async Task A_move_over_an_environment_changed_since_moves_nothing_and_says_so()
    {
        var page = await OpenAsAdminAsync();
        var staging = await EnvironmentAsync("staging");
        await Ui.Services.GetRequiredService<MemoryFlagRepository>()
            .UpdateEnvironmentAsync(new EnvironmentUpdate("shop", "staging", staging.Version, "Stage", staging.Order, false), Eve);

        page.Find("button[aria-label='Move Production up']").Click();

        page.WaitForAssertion(() => Assert.Contains(SettingsPage.OrderChanged, page.Find(".form-problem").TextContent));
        Assert.Equal(["development", "staging", "production"], (await Flags.ListEnvironmentsAsync("shop")).Select(e => e.Key));
        page.WaitForAssertion(() => Assert.Equal("Stage", page.Find("#environment-name-staging").GetAttribute("value")));
    }

    [Fact]
    public async Task Someone_elses_change_shows_in_the_open_page_and_an_edited_field_keeps_what_was_typed()
    {
        var page = await OpenAsAdminAsync();
        page.Find("#environment-name-development").Change("Dev (mine)");

        var project = await Flags.GetProjectAsync("shop");
        await Flags.UpdateProjectAsync(new ProjectUpdate("shop", project.Version, "Shop (theirs)", true), Eve);
        await Flags.CreateEnvironmentAsync(new NewEnvironment("shop", "qa", "QA", 40), Eve);

        page.WaitForAssertion(() => Assert.Equal("Shop (theirs)", page.Find("#project-name").GetAttribute("value")));
        page.WaitForAssertion(() => Assert.Equal(["development", "staging", "production", "qa"], Rows(page)));
        Assert.Contains("eve@example.com changed project shop", page.Snackbars());
        Assert.Equal("Dev (mine)", page.Find("#environment-name-development").GetAttribute("value"));
    }

    [Fact]
    public async Task An_edited_project_name_is_kept_while_someone_elses_rename_shows_in_the_heading()
    {
        var page = await OpenAsAdminAsync();
        page.Find("#project-name").Change("Shop (mine)");
        var staging = await EnvironmentAsync("staging");
        await Flags.UpdateEnvironmentAsync(new EnvironmentUpdate("shop", "staging", staging.Version, "Stage", staging.Order, false), Eve);
        page.WaitForAssertion(() => Assert.Equal("Stage", page.Find("#environment-name-staging").GetAttribute("value")));

        var project = await Flags.GetProjectAsync("shop");
        await Flags.UpdateProjectAsync(new ProjectUpdate("shop", project.Version, "Shop (theirs)", false), Eve);

        page.WaitForAssertion(() => Assert.Equal("Settings of Shop (theirs)", page.Find("h1").TextContent.Trim()));
        Assert.Equal("Shop (mine)", page.Find("#project-name").GetAttribute("value"));
    }

    [Fact]
    public async Task An_admin_demoted_since_the_page_opened_is_refused_and_nothing_is_stored()
    {
        var admin = await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        page.WaitForElement("form.project-settings");
        page.Find("#project-name").Change("Renamed");
        await ChangeStoredUserAsync(admin, role: Role.Editor);

        await page.Find("form.project-settings").SubmitAsync();

        page.WaitForAssertion(() => Assert.Single(page.Snackbars(), s => s.StartsWith("Not saved: Changing a project's settings needs the Admin role", StringComparison.Ordinal)));
        Assert.Equal("Shop", (await Flags.GetProjectAsync("shop")).Name);
        Assert.Equal("Renamed", page.Find("#project-name").GetAttribute("value"));
    }
}
