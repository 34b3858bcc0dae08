using System.Net;
using FlagAdmin.Core.Flags;
using FlagAdmin.Web.Components.Pages.Flags;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Ui.Flags;

/// <summary>
/// The flags list as the server prerenders it, on both stores: the project, the search and filters taken from the address,
/// and the status of a missing project. The rows, switches and live updates are the circuit's (FlagsListInTheBrowserTests).
/// </summary>
public abstract class FlagsListPageTests : IAsyncLifetime
{
    private TestSite _host = default!;

    protected abstract Task<FlagAdminFactory> CreateFactoryAsync();

    public async Task InitializeAsync() => _host = await FlagsListSeed.StartAsync(await CreateFactoryAsync());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_list_is_an_interactive_page_that_names_the_project_and_keeps_the_search_and_filters_of_the_address()
    {
        var page = await _host.Client(Role.Viewer).GetPageAsync("/projects/shop/flags?q=check&tag=web&owner=payments&archived=all");

        Assert.Equal("Shop", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("check", page.QuerySelector("input#flag-search")!.GetAttribute("value"));
        Assert.Equal("web", page.QuerySelector("input#flag-tag")!.GetAttribute("value"));
        Assert.Equal("payments", page.QuerySelector("input#flag-owner")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("script[src*=blazor]"));
        Assert.Null(page.QuerySelector("script[src*=htmx]"));
        Assert.Contains(FlagsPage.SwitchesLocked, page.QuerySelector($"#{FlagsPage.SwitchesLockedId}")!.TextContent);
    }

    [Fact]
    public async Task An_editor_is_not_told_the_switches_are_locked_and_only_an_admin_gets_the_new_flag_button()
    {
        var editor = await _host.Client(Role.Editor).GetPageAsync("/projects/shop/flags");
        var admin = await _host.Client(Role.Admin).GetPageAsync("/projects/shop/flags");

        Assert.Null(editor.QuerySelector($"#{FlagsPage.SwitchesLockedId}"));
        Assert.Null(editor.QuerySelector("a[href='/projects/shop/flags/new']"));
        Assert.NotNull(admin.QuerySelector("a[href='/projects/shop/flags/new']"));
    }

    [Fact]
    public async Task The_list_of_a_project_that_does_not_exist_is_a_404_page()
    {
        var response = await _host.Client(Role.Viewer).GetAsync("/projects/nowhere/flags");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_one_call_the_page_makes_reads_the_page_of_flags_the_address_asks_for()
    {
        var query = FlagListQuery.Parse(q: null, tag: "web", owner: null, env: "production", state: "off", archived: null, sort: "name", order: "desc", page: "1");

        var list = await _host.Flags.ListFlagsInProjectAsync(query.ToFlagQuery("shop"));

        Assert.Equal(["new-checkout", "dark-banner"], list.Page.Items.Select(d => d.Flag.Key));
        Assert.Equal(["development", "staging", "production"], list.Environments.Select(e => e.Key));
    }
}

public sealed class FlagsListPageOnMemoryTests : FlagsListPageTests
{
    protected override Task<FlagAdminFactory> CreateFactoryAsync() => Task.FromResult(FlagAdminFactory.Memory());
}

public sealed class FlagsListPageOnPostgresTests(PostgresFixture postgres) : FlagsListPageTests, IClassFixture<PostgresFixture>
{
    protected override async Task<FlagAdminFactory> CreateFactoryAsync() => FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync());
}
