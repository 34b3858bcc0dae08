using System.Net;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Ui.Projects;

/// <summary>
/// The settings page as the server prerenders it: an interactive page for admins only, with the project's forms, and the
/// status of a missing project. Saving, conflicts and moves are the circuit's (SettingsPageTests in the component tests,
/// SettingsInTheBrowserTests).
/// </summary>
public sealed class SettingsPageTests : IAsyncLifetime
{
    private readonly TestSite _site = new(FlagAdminFactory.Memory());

    public Task InitializeAsync() =>
        _site.CreateProjectAsync("shop", "Shop", requireReason: false, ("development", "Development", false), ("staging", "Staging", false), ("production", "Production", true));

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Editor)]
    public async Task Only_admins_may_open_the_settings(Role role)
    {
        var response = await _site.Client(role).GetAsync("/projects/shop/settings");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_settings_of_an_unknown_project_are_not_found()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _site.Client(Role.Admin).GetAsync("/projects/nowhere/settings")).StatusCode);
    }

    [Fact]
    public async Task The_settings_are_an_interactive_page_with_the_project_and_its_environments_in_order()
    {
        var page = await _site.Client(Role.Admin).GetPageAsync("/projects/shop/settings");

        Assert.Equal("Shop", page.QuerySelector("#project-name")!.GetAttribute("value"));
        Assert.Equal(["development", "staging", "production"], page.QuerySelectorAll("li.environment-row").Select(li => li.GetAttribute("data-key")));
        Assert.NotNull(page.QuerySelector("script[src*=blazor]"));
        Assert.Null(page.QuerySelector("script[src*=htmx]"));
    }
}
