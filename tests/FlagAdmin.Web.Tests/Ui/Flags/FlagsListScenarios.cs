using System.Net;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Ui.Flags;

/// <summary>The flags list scenarios every store must pass; subclasses pick the store.</summary>
public abstract class FlagsListScenarios : IAsyncLifetime
{
    protected TestSite Host { get; private set; } = default!;

    protected abstract Task<FlagAdminFactory> CreateFactoryAsync();

    public async Task InitializeAsync() => Host = await FlagsListSeed.StartAsync(await CreateFactoryAsync());

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task Search_finds_flags_by_description_and_the_fragment_keeps_the_address_bar_in_step()
    {
        var response = await Host.Client(Role.Viewer).HtmxGetAsync("/projects/shop/flags-table?q=ONE-PAGE");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/projects/shop/flags?q=ONE-PAGE", response.Headers.GetValues("HX-Push-Url").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<div id=\"flags-table\"", html.TrimStart());
        var table = await response.ParseFragmentAsync();
        Assert.Equal(["new-checkout"], table.QuerySelectorAll("tbody tr").Select(r => r.Id!["flag-".Length..]));
    }

    [Fact]
    public async Task An_htmx_toggle_saves_and_answers_with_the_row_rendered_again()
    {
        var client = Host.Client(Role.Editor, "pm@example.com");
        var page = await client.GetPageAsync("/projects/shop/flags");
        var toggle = page.Switch("new-checkout", "Staging")!;
        Assert.Equal("Turn new-checkout on in Staging", toggle.GetAttribute("aria-label"));

        var response = await client.HtmxPostAsync(page, toggle.GetAttribute("hx-post")!, [("toggle", toggle.GetAttribute("value")!), ("q", "")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = await response.ParseFragmentAsync();
        Assert.Equal("true", row.Switch("new-checkout", "Staging")!.GetAttribute("aria-checked"));
        Assert.Equal("Turn new-checkout off in Staging", row.Switch("new-checkout", "Staging")!.GetAttribute("aria-label"));
        Assert.Contains("pm@example.com", row.QuerySelector("tr")!.TextContent);
        var stored = await Host.StateAsync("new-checkout", "staging");
        Assert.True(stored.Enabled);
        Assert.Equal("pm@example.com", stored.UpdatedBy);
    }

    [Fact]
    public async Task A_toggle_from_a_stale_list_is_a_conflict_that_names_who_changed_it_and_overwrites_nothing()
    {
        var client = Host.Client(Role.Editor);
        var page = await client.GetPageAsync("/projects/shop/flags");
        var stale = page.Switch("new-checkout", "Staging")!.GetAttribute("value")!;
        var state = await Host.StateAsync("new-checkout", "staging");
        await Host.Flags.SetEnabledAsync("shop", "new-checkout", "staging", true, state.Version, new("colleague@example.com", Role: Role.Editor));
        var before = await Host.StateAsync("new-checkout", "staging");

        var response = await client.HtmxPostAsync(page, "/projects/shop/flags/toggle", [("toggle", stale), ("q", "")]);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var row = await response.ParseFragmentAsync();
        var note = row.QuerySelector("[data-row-note]")!.TextContent;
        Assert.Contains("colleague@example.com", note);
        Assert.Contains("it is on in staging now", note);
        Assert.Equal("true", row.Switch("new-checkout", "Staging")!.GetAttribute("aria-checked"));
        Assert.Equal(before, await Host.StateAsync("new-checkout", "staging"));
    }
}

public sealed class FlagsListOnMemoryScenarios : FlagsListScenarios
{
    protected override Task<FlagAdminFactory> CreateFactoryAsync() => Task.FromResult(FlagAdminFactory.Memory());
}

public sealed class FlagsListOnPostgresScenarios(FlagAdmin.Testing.Postgres.PostgresFixture postgres) : FlagsListScenarios, IClassFixture<FlagAdmin.Testing.Postgres.PostgresFixture>
{
    protected override async Task<FlagAdminFactory> CreateFactoryAsync() => FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync());
}
