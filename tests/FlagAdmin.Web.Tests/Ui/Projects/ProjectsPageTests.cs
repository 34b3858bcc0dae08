using System.Net;
using AngleSharp.Dom;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Ui.Projects;

public sealed class ProjectsPageTests : IAsyncLifetime
{
    private readonly TestSite _site = new(FlagAdminFactory.Memory());

    private FlagService Flags => _site.Flags;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private HttpClient Client(Role role) => _site.Client(role);

    [Fact]
    public async Task Everyone_sees_the_projects_but_only_admins_the_create_form_and_settings_links()
    {
        await Flags.CreateProjectAsync(new NewProject("shop", "Shop"), new ChangeContext("seed"));

        var asViewer = await Client(Role.Viewer).GetPageAsync("/projects");
        var asAdmin = await Client(Role.Admin).GetPageAsync("/projects");

        Assert.Equal("/projects/shop/flags", asViewer.QuerySelector(".project-row a.project-link")!.GetAttribute("href"));
        Assert.Null(asViewer.QuerySelector("form.project-create"));
        Assert.Null(asViewer.QuerySelector("a[href='/projects/shop/settings']"));
        Assert.NotNull(asAdmin.QuerySelector("form.project-create"));
        Assert.NotNull(asAdmin.QuerySelector("a[href='/projects/shop/settings']"));
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Editor)]
    public async Task Below_admin_creating_a_project_is_a_disabled_button_with_the_reason_beside_it(Role role)
    {
        var page = await Client(role).GetPageAsync("/projects");

        var locked = page.QuerySelector("form.project-create-locked")!;
        Assert.Equal("Only admins can create projects.", locked.QuerySelector("#project-create-why")!.TextContent.Trim());
        var button = locked.QuerySelector("button[type=submit]")!;
        Assert.True(button.HasAttribute("disabled"));
        Assert.Equal("project-create-why", button.GetAttribute("aria-describedby"));
        Assert.Empty(locked.QuerySelectorAll("input[name=key], input[name=name]"));
    }

    [Fact]
    public async Task An_admin_gets_the_create_form_enabled_and_no_locked_button()
    {
        var page = await Client(Role.Admin).GetPageAsync("/projects");

        Assert.Null(page.QuerySelector("form.project-create-locked"));
        Assert.Null(page.QuerySelector("#project-create-why"));
        Assert.False(page.QuerySelector("form.project-create button[type=submit]")!.HasAttribute("disabled"));
        Assert.Empty(page.QuerySelectorAll("form.project-create [disabled]"));
    }

    [Fact]
    public async Task An_admin_creates_a_project_and_lands_on_its_settings()
    {
        var client = Client(Role.Admin);
        var page = await client.GetPageAsync("/projects");

        var response = await PageForm.Of(page, "form.project-create")
            .Set("key", "shop").Set("name", "Shop").Check("requireReason", true).Set("reason", "New shop")
            .SubmitAsync(client, value: null);

        Assert.Equal("/projects/shop/settings?created=1", response.Headers.Location?.PathAndQuery);
        var project = await Flags.GetProjectAsync("shop");
        Assert.Equal("Shop", project.Name);
        Assert.True(project.RequireReasonInProtectedEnvironments);
        Assert.Equal([("development", false), ("staging", false), ("production", true)],
            (await Flags.ListEnvironmentsAsync("shop")).Select(e => (e.Key, e.Protected)));
        var entries = (await Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop" })).Items;
        Assert.Equal([AuditAction.EnvironmentCreated, AuditAction.EnvironmentCreated, AuditAction.EnvironmentCreated, AuditAction.ProjectCreated], entries.Select(e => e.Action));
        Assert.All(entries, entry => Assert.Equal(("admin@example.com", "New shop"), (entry.Actor, entry.Reason)));
        var settings = await client.GetPageAsync("/projects/shop/settings?created=1");
        Assert.Contains("Project shop created", settings.QuerySelector(".alert-success")!.TextContent);
    }

    [Fact]
    public async Task The_standard_environments_are_ticked_and_a_creator_may_leave_any_of_them_out()
    {
        var client = Client(Role.Admin);
        var page = await client.GetPageAsync("/projects");
        Assert.Equal(["development", "staging", "production"],
            page.QuerySelectorAll("form.project-create input[name=environments][checked]").Select(box => box.GetAttribute("value")));

        await PageForm.Of(page, "form.project-create").Set("key", "lean").Set("name", "Lean").Check("environments", false)
            .Set("environments", "production").SubmitAsync(client, value: null);
        await PageForm.Of(page, "form.project-create").Set("key", "bare").Set("name", "Bare").Check("environments", false).SubmitAsync(client, value: null);

        Assert.Equal(["production"], (await Flags.ListEnvironmentsAsync("lean")).Select(e => e.Key));
        Assert.Empty(await Flags.ListEnvironmentsAsync("bare"));
        var settings = await client.GetPageAsync("/projects/bare/settings?created=1");
        Assert.Contains("Add the environments", settings.QuerySelector(".alert-success")!.TextContent);
    }

    [Fact]
    public async Task A_bad_key_and_a_missing_name_are_explained_next_to_the_fields_and_nothing_is_stored()
    {
        var client = Client(Role.Admin);
        var page = await client.GetPageAsync("/projects");

        var response = await PageForm.Of(page, "form.project-create").Set("key", "Not A Key!").Set("name", " ").Check("environments", false)
            .Set("environments", "staging").SubmitAsync(client, value: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await HtmlPage.ParseAsync(response);
        Assert.Equal(["staging"], result.QuerySelectorAll("form.project-create input[name=environments][checked]").Select(box => box.GetAttribute("value")));
        Assert.NotEmpty(result.QuerySelector("#project-key-problem")!.TextContent);
        Assert.Equal("Project name is required.", result.QuerySelector("#project-name-problem")!.TextContent);
        Assert.Equal("Not A Key!", result.QuerySelector("#project-key")!.GetAttribute("value"));
        Assert.Empty(await Flags.ListProjectsAsync());
    }

    [Fact]
    public async Task A_key_already_taken_is_explained_next_to_the_key()
    {
        await Flags.CreateProjectAsync(new NewProject("shop", "Shop"), new ChangeContext("seed"));
        var client = Client(Role.Admin);
        var page = await client.GetPageAsync("/projects");

        var response = await PageForm.Of(page, "form.project-create").Set("key", "shop").Set("name", "Another shop").SubmitAsync(client, value: null);

        var result = await HtmlPage.ParseAsync(response);
        Assert.Contains("already taken", result.QuerySelector("#project-key-problem")!.TextContent);
        Assert.Equal("Shop", (await Flags.GetProjectAsync("shop")).Name);
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Editor)]
    public async Task A_create_posted_anyway_below_admin_gets_the_403_page_and_stores_nothing(Role role)
    {
        var client = Client(role);
        var page = await client.GetPageAsync("/projects");
        var token = page.QuerySelector("meta[name=antiforgery-token]")!.GetAttribute("content")!;

        var response = await client.PostAsync("/projects", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "create-project",
            ["key"] = "shop",
            ["name"] = "Shop",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("You may not do this", (await HtmlPage.ParseAsync(response)).QuerySelector("h1")!.TextContent);
        Assert.Empty(await Flags.ListProjectsAsync());
    }

    [Fact]
    public async Task A_create_posted_without_the_antiforgery_token_is_refused_before_the_role_is_looked_at()
    {
        var response = await Client(Role.Viewer).PostAsync("/projects", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "create-project",
            ["key"] = "shop",
            ["name"] = "Shop",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await Flags.ListProjectsAsync());
    }
}
