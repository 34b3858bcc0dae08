using FlagAdmin.Core.Users;
using FlagAdmin.Web.Components.Pages.Projects;
using FlagAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Components.Tests;

/// <summary>
/// The projects page, the exemplar of an interactive page: controls per role, and every outcome of a save mapped by
/// <see cref="Outcomes"/> — saved, field errors with the form as typed, the database down, a refusal.
/// </summary>
public sealed class ProjectsPageTests : AdminUi
{
    private IRenderedComponent<Providers> Open() => Render(builder =>
    {
        builder.OpenComponent<ProjectsPage>(0);
        builder.CloseComponent();
    });

    private static void Fill(IRenderedComponent<Providers> page, string key, string name)
    {
        page.Find("#project-key").Change(key);
        page.Find("#project-name").Change(name);
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Editor)]
    public async Task Below_admin_the_create_button_is_disabled_with_the_reason_and_there_is_no_form(Role role)
    {
        await SignInAsync(role, "someone@example.com");

        var page = Open();

        var create = page.Button("Create project");
        Assert.True(create.HasAttribute("disabled"));
        Assert.Equal("Only admins can create projects.", page.Find("#" + create.GetAttribute("aria-describedby")).TextContent.Trim());
        Assert.Empty(page.FindAll("form.project-create"));
        Assert.Empty(page.FindAll("a[href='/projects/shop/settings']"));
        Assert.Equal("/projects/shop/flags", page.Find(".project-row[data-key=shop] a.project-link").GetAttribute("href"));
    }

    [Fact]
    public async Task An_admin_gets_the_form_with_the_standard_environments_ticked_and_a_settings_link()
    {
        await SignInAsync(Role.Admin, "admin@example.com");

        var page = Open();

        Assert.False(page.Button("Create project").HasAttribute("disabled"));
        Assert.Single(page.FindAll("a[href='/projects/shop/settings']"));
        var boxes = page.FindAll("fieldset.project-environments input[type=checkbox]");
        Assert.Equal(3, boxes.Count);
        Assert.All(boxes, box => Assert.True(box.HasAttribute("checked")));
    }

    [Fact]
    public async Task Saved_it_says_so_and_goes_to_the_new_projects_settings()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        Fill(page, "garden", "Garden");

        await page.Find("form.project-create").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("Project garden created.", page.Snackbars()));
        Assert.EndsWith("/projects/garden/settings?created=1", Ui.Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Equal("Garden", (await Flags.GetProjectAsync("garden")).Name);
    }

    [Fact]
    public async Task Invalid_input_is_explained_next_to_each_field_and_the_form_stays_as_typed()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        Fill(page, "Not A Key!", " ");

        await page.Find("form.project-create").SubmitAsync();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".mud-input-error .mud-input-helper-text, .mud-input-helper-text.mud-input-error").Count));
        var errors = page.FindAll(".mud-input-control.mud-input-error").ToDictionary(c => c.QuerySelector("input")!.Id!, c => c.QuerySelector(".mud-input-helper-text")!.TextContent);
        Assert.Contains("Project key", errors["project-key"]);
        Assert.Equal("Project name is required.", errors["project-name"]);
        Assert.Equal("Not A Key!", page.Find("#project-key").GetAttribute("value"));
        Assert.Single(page.Snackbars(), s => s.StartsWith("Not saved:", StringComparison.Ordinal));
        Assert.Single(await Flags.ListProjectsAsync());
    }

    [Fact]
    public async Task With_the_database_down_it_says_so_and_the_form_stays_as_typed()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        Fill(page, "garden", "Garden");
        Outage.Down = true;

        await page.Find("form.project-create").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains(Outcomes.StoreDown, page.Snackbars()));
        Assert.Contains("What you typed is still here", page.Find(".store-down").TextContent);
        Assert.Equal("garden", page.Find("#project-key").GetAttribute("value"));
        Assert.Equal("Garden", page.Find("#project-name").GetAttribute("value"));
        Outage.Down = false;
        Assert.Single(await Flags.ListProjectsAsync());
    }

    [Fact]
    public async Task An_admin_demoted_since_the_page_opened_is_refused_and_nothing_is_stored()
    {
        var admin = await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        Fill(page, "garden", "Garden");
        await ChangeStoredUserAsync(admin, role: Role.Editor);

        await page.Find("form.project-create").SubmitAsync();

        page.WaitForAssertion(() => Assert.Single(page.Snackbars(), s => s.StartsWith("Not saved: Creating a project needs the Admin role", StringComparison.Ordinal)));
        Assert.Single(await Flags.ListProjectsAsync());
        Assert.Equal("garden", page.Find("#project-key").GetAttribute("value"));
    }

    [Fact]
    public async Task A_user_deactivated_since_the_page_opened_is_told_to_sign_in_again_and_nothing_is_stored()
    {
        var admin = await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        Fill(page, "garden", "Garden");
        await ChangeStoredUserAsync(admin, active: false);

        await page.Find("form.project-create").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("Not saved: " + Auth.CurrentUser.SignedOut, page.Snackbars()));
        Assert.Single(await Flags.ListProjectsAsync());
    }
}
