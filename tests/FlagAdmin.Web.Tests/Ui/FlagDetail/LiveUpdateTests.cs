using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Ui.FlagDetail;

/// <summary>
/// Live updates on the detail page: the page follows the project's event stream, and on a flag's event each
/// panel asks whether the version it shows is still the stored one, getting a note (never a new form) when not.
/// </summary>
public sealed class LiveUpdateTests : IAsyncLifetime
{
    private TestSite _host = default!;

    public async Task InitializeAsync() => _host = await FlagDetailSeed.StartAsync(FlagAdminFactory.Memory());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_page_follows_the_projects_events_and_each_panel_listens_for_its_flag()
    {
        var page = await _host.Client(Role.Viewer).FlagPageAsync();

        Assert.Equal("/projects/shop/events", page.QuerySelector("[hx-ext=sse]")!.GetAttribute("sse-connect"));
        var live = page.QuerySelector("#panel-production [hx-trigger='sse:flag-changed-new-checkout']")!;
        Assert.Equal($"/projects/shop/flags/new-checkout/panels/production/freshness?version={(await _host.StateAsync("new-checkout", "production")).Version}", live.GetAttribute("hx-get"));
        Assert.NotNull(page.QuerySelector("[sse-swap=flag-note][hx-target='#notes']"));
    }

    [Fact]
    public async Task A_panel_that_someone_else_changed_gets_a_stale_note_and_a_current_one_gets_nothing()
    {
        var client = _host.Client(Role.Editor);
        var page = await client.FlagPageAsync();
        var freshness = page.QuerySelector("#panel-development [hx-trigger^='sse:']")!.GetAttribute("hx-get")!;
        var before = await (await client.GetAsync(freshness)).Content.ReadAsStringAsync();

        var state = await _host.StateAsync("new-checkout", "development");
        await _host.Flags.SetEnabledAsync("shop", "new-checkout", "development", true, state.Version, new("bob@example.com"));
        var after = await HtmlPage.ParseAsync(await client.GetAsync(freshness));

        Assert.Equal("", before);
        Assert.Contains("bob@example.com changed this", after.QuerySelector(".flag-stale")!.TextContent);
        Assert.NotNull(after.QuerySelector("button[name=action][value=reload]"));
        Assert.Null(after.QuerySelector("input[name=rollout]"));
    }

    [Fact]
    public async Task Details_someone_else_renamed_get_a_note_with_a_reload_link()
    {
        var client = _host.Client(Role.Editor);
        var page = await client.FlagPageAsync();
        var freshness = page.QuerySelector("#flag-metadata [hx-trigger^='sse:']")!.GetAttribute("hx-get")!;
        var flag = (await _host.Flags.GetFlagAsync("shop", "new-checkout")).Flag;
        await _host.Flags.UpdateFlagAsync(new() { ProjectKey = "shop", Key = flag.Key, ExpectedVersion = flag.Version, Name = "Renamed", Variants = flag.Variants }, new("bob@example.com"));

        var note = await HtmlPage.ParseAsync(await client.GetAsync(freshness));

        Assert.Equal("/projects/shop/flags/new-checkout", note.QuerySelector(".flag-stale a")!.GetAttribute("href"));
    }
}
