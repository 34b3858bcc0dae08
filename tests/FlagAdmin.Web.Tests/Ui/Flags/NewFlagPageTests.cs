using System.Net;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Ui.Flags;

/// <summary>
/// The new-flag page as the server prerenders it: an interactive page for admins only, and the status of a missing
/// project. Creating flags is the circuit's (NewFlagPageTests in the component tests, NewFlagInTheBrowserTests).
/// </summary>
public sealed class NewFlagPageTests : IAsyncLifetime
{
    private TestSite _host = default!;

    public async Task InitializeAsync() => _host = await FlagsListSeed.StartAsync(FlagAdminFactory.Memory());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_form_is_an_interactive_page_that_says_the_key_cannot_be_changed_later()
    {
        var page = await _host.Client(Role.Admin).GetPageAsync("/projects/shop/flags/new");

        Assert.Contains("cannot be changed later", page.QuerySelector("form.new-flag")!.TextContent);
        Assert.NotNull(page.QuerySelector("input#flag-key"));
        Assert.NotNull(page.QuerySelector("script[src*=blazor]"));
        Assert.Null(page.QuerySelector("script[src*=htmx]"));
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Editor)]
    public async Task Only_admins_may_open_it(Role role)
    {
        var response = await _host.Client(role).GetAsync("/projects/shop/flags/new");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_page_of_a_project_that_does_not_exist_is_a_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client(Role.Admin).GetAsync("/projects/nowhere/flags/new")).StatusCode);
    }
}
