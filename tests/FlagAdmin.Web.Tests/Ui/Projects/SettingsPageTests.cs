using System.Net;
using AngleSharp.Dom;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Ui.Projects;

public sealed class SettingsPageTests : IAsyncLifetime
{
    private readonly TestSite _site = new(FlagAdminFactory.Memory());

    private FlagService Flags => _site.Flags;

    public Task InitializeAsync() =>
        _site.CreateProjectAsync("shop", "Shop", requireReason: false, ("development", "Development", false), ("staging", "Staging", false), ("production", "Production", true));

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private HttpClient Client(Role role) => _site.Client(role);

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Editor)]
    public async Task Only_admins_may_open_the_settings(Role role)
    {
        var response = await Client(role).GetAsync("/projects/shop/settings");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_settings_of_an_unknown_project_are_not_found()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client(Role.Admin).GetAsync("/projects/nowhere/settings")).StatusCode);
    }

    [Fact]
    public async Task An_admin_renames_the_project_and_requires_reasons_with_a_reason_of_their_own()
    {
        var client = Client(Role.Admin);
        var page = await client.GetPageAsync("/projects/shop/settings");

        var response = await PageForm.Of(page, "form.project-settings")
            .Set("name", "Shop EU").Check("requireReason", true).Set("reason", "Audit asked for it").SubmitAsync(client, value: null);

        var result = await HtmlPage.ParseAsync(response);
        Assert.Contains("Project settings saved", result.QuerySelector(".alert-success")!.TextContent);
        Assert.Equal("Shop EU", result.QuerySelector("#project-name")!.GetAttribute("value"));
        var project = await Flags.GetProjectAsync("shop");
        Assert.Equal(("Shop EU", true), (project.Name, project.RequireReasonInProtectedEnvironments));
        var entry = (await Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", Limit = 1 })).Items[0];
        Assert.Equal((AuditAction.ProjectUpdated, "admin@example.com", "Audit asked for it"), (entry.Action, entry.Actor, entry.Reason));
    }

    [Fact]
    public async Task An_empty_project_name_is_explained_and_nothing_is_stored()
    {
        var client = Client(Role.Admin);
        var page = await client.GetPageAsync("/projects/shop/settings");

        var response = await PageForm.Of(page, "form.project-settings").Set("name", "").SubmitAsync(client, value: null);

        var result = await HtmlPage.ParseAsync(response);
        Assert.Equal("Project name is required.", result.QuerySelector("#project-name-problem")!.TextContent);
        Assert.Equal("Shop", (await Flags.GetProjectAsync("shop")).Name);
        Assert.Equal(4, (await Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop" })).Items.Count);
    }

    [Fact]
    public async Task A_project_changed_meanwhile_shows_theirs_against_yours_and_saving_again_applies_mine()
    {
        var client = Client(Role.Admin);
        var page = await client.GetPageAsync("/projects/shop/settings");
        var project = await Flags.GetProjectAsync("shop");
        await Flags.UpdateProjectAsync(new ProjectUpdate("shop", project.Version, "Shop (theirs)", false), new ChangeContext("eve@example.com"));

        var response = await PageForm.Of(page, "form.project-settings").Set("name", "Shop (mine)").SubmitAsync(client, value: null);

        var result = await HtmlPage.ParseAsync(response);
        var conflict = result.QuerySelector(".conflict-note")!;
        Assert.Contains("eve@example.com changed this", conflict.TextContent);
        Assert.Equal("Shop (theirs)", conflict.QuerySelector(".conflict-theirs")!.TextContent);
        Assert.Equal("Shop (mine)", conflict.QuerySelector(".conflict-yours")!.TextContent);
        Assert.Equal("Shop (theirs)", (await Flags.GetProjectAsync("shop")).Name);

        await PageForm.Of(result, "form.project-settings").SubmitAsync(client, value: null);
        Assert.Equal("Shop (mine)", (await Flags.GetProjectAsync("shop")).Name);
    }

    [Fact]
    public async Task An_admin_adds_an_environment_at_the_end()
    {
        var client = Client(Role.Admin);
        var page = await client.GetPageAsync("/projects/shop/settings");

        var response = await PageForm.Of(page, "form.environment-create")
            .Set("key", "qa").Set("name", "QA").Check("protected", true).SubmitAsync(client, value: null);

        var result = await HtmlPage.ParseAsync(response);
        Assert.Equal(["development", "staging", "production", "qa"], Rows(result));
        var qa = (await Flags.ListEnvironmentsAsync("shop")).Single(e => e.Key == "qa");
        Assert.Equal(("QA", true), (qa.Name, qa.Protected));
        Assert.Null(result.QuerySelector("#new-environment-key")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_new_environment_with_a_bad_key_or_a_taken_key_is_explained_and_nothing_is_stored()
    {
        var client = Client(Role.Admin);
        var page = await client.GetPageAsync("/projects/shop/settings");

        var bad = await HtmlPage.ParseAsync(await PageForm.Of(page, "form.environment-create").Set("key", "Pro duction").Set("name", "").SubmitAsync(client, value: null));
        var taken = await HtmlPage.ParseAsync(await PageForm.Of(page, "form.environment-create").Set("key", "staging").Set("name", "Staging 2").SubmitAsync(client, value: null));

        Assert.NotEmpty(bad.QuerySelector("#new-environment-key-problem")!.TextContent);
        Assert.Equal("Environment name is required.", bad.QuerySelector("#new-environment-name-problem")!.TextContent);
        Assert.Equal("Pro duction", bad.QuerySelector("#new-environment-key")!.GetAttribute("value"));
        Assert.Contains("already taken", taken.QuerySelector("#new-environment-key-problem")!.TextContent);
        Assert.Equal(3, (await Flags.ListEnvironmentsAsync("shop")).Count);
    }

    [Fact]
    public async Task An_admin_renames_an_environment_and_marks_it_protected()
    {
        var client = Client(Role.Admin);
        var page = await client.GetPageAsync("/projects/shop/settings");

        var response = await PageForm.Of(page, "li[data-key=staging] form.environment-form")
            .Set("name", "Pre-production").Check("protected", true).Set("reason", "Customers test here").SubmitAsync(client, value: null);

        var result = await HtmlPage.ParseAsync(response);
        Assert.Contains("Environment staging saved", result.QuerySelector(".alert-success")!.TextContent);
        Assert.NotNull(result.QuerySelector("li[data-key=staging] .badge"));
        var staging = (await Flags.ListEnvironmentsAsync("shop")).Single(e => e.Key == "staging");
        Assert.Equal(("Pre-production", true, 2), (staging.Name, staging.Protected, staging.Order));
        var entry = (await Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", Limit = 1 })).Items[0];
        Assert.Equal((AuditAction.EnvironmentUpdated, "staging", "Customers test here"), (entry.Action, entry.EnvironmentKey, entry.Reason));
    }

    [Fact]
    public async Task An_environment_renamed_meanwhile_is_a_conflict_with_both_names()
    {
        var client = Client(Role.Admin);
        var page = await client.GetPageAsync("/projects/shop/settings");
        var staging = (await Flags.ListEnvironmentsAsync("shop")).Single(e => e.Key == "staging");
        await Flags.UpdateEnvironmentAsync(new EnvironmentUpdate("shop", "staging", staging.Version, "Stage", staging.Order, false), new ChangeContext("eve@example.com"));

        var response = await PageForm.Of(page, "li[data-key=staging] form.environment-form").Set("name", "Staging EU").SubmitAsync(client, value: null);

        var result = await HtmlPage.ParseAsync(response);
        var conflict = result.QuerySelector("li[data-key=staging] .conflict-note")!;
        Assert.Equal("Stage", conflict.QuerySelector(".conflict-theirs")!.TextContent);
        Assert.Equal("Staging EU", conflict.QuerySelector(".conflict-yours")!.TextContent);
        Assert.Equal("Stage", (await Flags.ListEnvironmentsAsync("shop")).Single(e => e.Key == "staging").Name);
    }

    [Fact]
    public async Task Moving_an_environment_up_and_down_reorders_the_list()
    {
        var client = Client(Role.Admin);
        var page = await client.GetPageAsync("/projects/shop/settings");

        var up = await HtmlPage.ParseAsync(await PageForm.Of(page, "li[data-key=production] form.environment-move").SubmitAsync(client, "direction", "up"));
        Assert.Equal(["development", "production", "staging"], Rows(up));
        var down = await HtmlPage.ParseAsync(await PageForm.Of(up, "li[data-key=development] form.environment-move").SubmitAsync(client, "direction", "down"));

        Assert.Equal(["production", "development", "staging"], Rows(down));
        Assert.Equal(["production", "development", "staging"], (await Flags.ListEnvironmentsAsync("shop")).Select(e => e.Key));
        Assert.NotNull(down.QuerySelector("li[data-key=production] button[value=up][disabled]"));
    }

    [Fact]
    public async Task A_move_from_a_stale_page_moves_nothing_and_shows_the_current_order()
    {
        var client = Client(Role.Admin);
        var page = await client.GetPageAsync("/projects/shop/settings");
        var staging = (await Flags.ListEnvironmentsAsync("shop")).Single(e => e.Key == "staging");
        await Flags.UpdateEnvironmentAsync(new EnvironmentUpdate("shop", "staging", staging.Version, "Staging", 9, false), new ChangeContext("eve@example.com"));

        var result = await HtmlPage.ParseAsync(await PageForm.Of(page, "li[data-key=production] form.environment-move").SubmitAsync(client, "direction", "up"));

        Assert.Contains("nothing was moved", result.QuerySelector(".alert-warning")!.TextContent);
        Assert.Equal(["development", "production", "staging"], Rows(result));
        Assert.Equal(["development", "production", "staging"], (await Flags.ListEnvironmentsAsync("shop")).Select(e => e.Key));
    }

    [Fact]
    public async Task A_move_from_a_page_that_misses_an_environment_added_since_moves_nothing_and_names_it()
    {
        var client = Client(Role.Admin);
        var page = await client.GetPageAsync("/projects/shop/settings");
        await Flags.CreateEnvironmentAsync(new NewEnvironment("shop", "qa", "QA", 40), new ChangeContext("eve@example.com"));

        var result = await HtmlPage.ParseAsync(await PageForm.Of(page, "li[data-key=production] form.environment-move").SubmitAsync(client, "direction", "up"));

        Assert.Contains("missing: qa", result.QuerySelector(".alert-warning")!.TextContent);
        Assert.Equal(["development", "staging", "production", "qa"], Rows(result));
        Assert.Equal(["development", "staging", "production", "qa"], (await Flags.ListEnvironmentsAsync("shop")).Select(e => e.Key));
    }

    private static List<string> Rows(IDocument page) =>
        page.QuerySelectorAll("li.environment-row").Select(li => li.GetAttribute("data-key")!).ToList();
}
