using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Components.Pages.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Components.Tests;

/// <summary>
/// The audit trail page: entries in words (who, when, why, before and after, the stored record on request), filters and
/// the page cursor taken from and written to the address, keyset pages of 50, others' changes arriving live, what to do
/// when nothing is listed, and a store that fails while the page is open.
/// </summary>
public sealed class AuditTrailPageTests : AdminUi
{
    private NavigationManager Navigation => Ui.Services.GetRequiredService<NavigationManager>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsync(Role.Viewer, "reader@example.com");
    }

    private IRenderedComponent<Providers> Open(string address = "/projects/shop/audit")
    {
        Navigation.NavigateTo(address);
        return Render(builder =>
        {
            builder.OpenComponent<AuditTrail>(0);
            builder.AddAttribute(1, nameof(AuditTrail.Project), "shop");
            builder.CloseComponent();
        });
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<Providers> page) => page.FindAll("tr.audit-entry");

    private static string Text(AngleSharp.Dom.IElement row, string selector) => row.QuerySelector(selector)?.TextContent.Trim() ?? "";

    private async Task<FlagState> ToggleAsync(string environment, string actor, string? reason = null, string? via = null)
    {
        var state = (await Flags.GetFlagAsync("shop", "new-checkout")).StateIn(environment)!;
        return await Flags.SetEnabledAsync("shop", "new-checkout", environment, !state.Enabled, state.Version, new ChangeContext(actor, reason, Role: Role.Admin, Via: via));
    }

    [Fact]
    public async Task Each_entry_says_who_when_why_and_what_it_was_before()
    {
        await ToggleAsync("staging", "bob@example.com");
        var state = (await Flags.GetFlagAsync("shop", "new-checkout")).StateIn("production")!;
        await Flags.SetRolloutAsync("shop", "new-checkout", "production", 1250, state.Version,
            new ChangeContext("ada@example.com", "Ramp up after the launch", Role: Role.Admin, Via: "token 'ci-deploy'"));

        var page = Open();

        var rows = Rows(page);
        var rollout = rows[0];
        Assert.Equal("Rollout changed", Text(rollout, ".audit-action"));
        Assert.Equal("ada@example.com", Text(rollout, ".audit-actor"));
        Assert.Equal("via token 'ci-deploy'", Text(rollout, ".audit-via"));
        Assert.Equal("production", Text(rollout, ".audit-environment"));
        Assert.Equal("/projects/shop/flags/new-checkout", rollout.QuerySelector("a.audit-flag")!.GetAttribute("href"));
        Assert.Contains("Ramp up after the launch", Text(rollout, ".audit-reason"));
        Assert.Equal("100 %", Text(rollout, "[data-field=Rollout] del"));
        Assert.Equal("12.5 %", Text(rollout, "[data-field=Rollout] ins"));
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$", Text(rollout, "time.audit-at"));
        var toggle = rows[1];
        Assert.Equal(("Flag toggled", "bob@example.com", "off", "on"),
            (Text(toggle, ".audit-action"), Text(toggle, ".audit-actor"), Text(toggle, "[data-field=Enabled] del"), Text(toggle, "[data-field=Enabled] ins")));
        Assert.Null(toggle.QuerySelector(".audit-via"));
        Assert.Equal("/projects/shop/audit?actor=bob@example.com", toggle.QuerySelector("a.audit-actor")!.GetAttribute("href"));
        Assert.Equal("/projects/shop/audit/export.csv", page.Find("a.audit-export-csv").GetAttribute("href"));
    }

    [Fact]
    public async Task The_stored_record_of_an_entry_opens_on_request()
    {
        await ToggleAsync("staging", "bob@example.com");
        var page = Open();
        var toggle = page.FindAll("tr.audit-entry")[0].QuerySelector("button.audit-record-toggle")!;
        Assert.Equal("false", toggle.GetAttribute("aria-expanded"));
        Assert.Empty(page.FindAll(".audit-json-before"));

        await page.FindAll("tr.audit-entry button.audit-record-toggle")[0].ClickAsync();

        page.WaitForAssertion(() => Assert.Contains("\"enabled\": false", page.Find(".audit-json-before").TextContent));
        Assert.Contains("\"enabled\": true", page.Find(".audit-json-after").TextContent);
        Assert.Equal("true", page.FindAll("tr.audit-entry button.audit-record-toggle")[0].GetAttribute("aria-expanded"));
    }

    [Fact]
    public async Task Filters_come_from_the_address_and_narrow_the_entries_and_the_exports()
    {
        await ToggleAsync("staging", "bob@example.com");
        await ToggleAsync("production", "ada@example.com");
        await ToggleAsync("staging", "ada@example.com");

        var page = Open("/projects/shop/audit?environment=staging&actor=ada%40example.com&action=FlagToggled");

        var row = Assert.Single(Rows(page));
        Assert.Equal(("ada@example.com", "staging"), (Text(row, ".audit-actor"), Text(row, ".audit-environment")));
        Assert.Equal("ada@example.com", page.Find("#audit-actor").GetAttribute("value"));
        Assert.Equal("Staging", page.Find(".audit-environment-filter input").GetAttribute("value"));
        Assert.Equal("Flag toggled", page.Find(".audit-action-filter input").GetAttribute("value"));
        Assert.Equal("/projects/shop/audit/export.json?environment=staging&actor=ada@example.com&action=FlagToggled",
            page.Find("a.audit-export-json").GetAttribute("href"));
    }

    [Fact]
    public async Task A_filter_typed_in_goes_to_the_address_and_the_list_follows()
    {
        await Flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "search", Name = "Search" }, new ChangeContext("ada@example.com", Role: Role.Admin));
        await ToggleAsync("staging", "bob@example.com");
        var page = Open();
        Assert.Equal(7, Rows(page).Count);

        page.Find("#audit-flag").Change("search");

        Assert.EndsWith("/projects/shop/audit?flag=search", Navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal(["Flag created"], Rows(page).Select(r => Text(r, ".audit-action"))));
        Assert.Equal("/projects/shop/audit/export.csv?flag=search", page.Find("a.audit-export-csv").GetAttribute("href"));
    }

    [Fact]
    public void Filters_that_cannot_be_read_are_explained_next_to_their_fields_and_nothing_is_listed()
    {
        var page = Open("/projects/shop/audit?action=Explode&from=yesterday&to=2026-01-01");

        Assert.Empty(Rows(page));
        Assert.Contains("Correct the filters marked above", page.Find(".audit-problem").TextContent);
        var errors = page.FindAll(".mud-input-control.mud-input-error .mud-input-helper-text").Select(e => e.TextContent).ToList();
        Assert.Contains(errors, e => e.Contains("'Explode' is not an action", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'yesterday' is not a time", StringComparison.Ordinal));
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public async Task Pages_of_fifty_follow_each_other_by_the_cursor_in_the_address_without_gaps_or_repeats()
    {
        for (var i = 0; i < 55; i++)
        {
            await ToggleAsync("development", "bob@example.com");
        }
        var all = (await Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", Limit = 500 })).Items.Select(e => e.Id).ToList();
        var page = Open();
        Assert.Equal(50, Rows(page).Count);
        Assert.Empty(page.FindAll("a.audit-newest"));
        var older = page.Find("a.audit-older").GetAttribute("href")!;
        Assert.Equal($"/projects/shop/audit?before={all[49]}", older);
        var first = Ids(page);

        Navigation.NavigateTo(older);

        page.WaitForAssertion(() => Assert.Equal(all.Count - 50, Rows(page).Count));
        Assert.Equal(all, first.Concat(Ids(page)));
        Assert.Empty(page.FindAll("a.audit-older"));
        Assert.Equal("/projects/shop/audit", page.Find("a.audit-newest").GetAttribute("href"));
    }

    [Fact]
    public void A_broken_page_link_offers_the_newest_entries_instead()
    {
        var page = Open("/projects/shop/audit?flag=new-checkout&before=abc");

        Assert.Contains("not valid", page.Find(".audit-problem").TextContent);
        Assert.Equal("/projects/shop/audit?flag=new-checkout", page.Find(".audit-problem a").GetAttribute("href"));
    }

    [Fact]
    public async Task Someone_elses_change_appears_at_the_top_and_is_announced()
    {
        var page = Open();
        var before = Rows(page).Count;

        await ToggleAsync("staging", "bob@example.com");

        page.WaitForAssertion(() => Assert.Equal(before + 1, Rows(page).Count));
        Assert.Equal("bob@example.com", Text(Rows(page)[0], ".audit-actor"));
        Assert.Contains("bob@example.com turned new-checkout on in staging", page.Snackbars());
    }

    [Fact]
    public async Task On_an_older_page_a_new_change_is_offered_instead_of_moving_the_page()
    {
        for (var i = 0; i < 50; i++)
        {
            await ToggleAsync("development", "bob@example.com");
        }
        var page = Open();
        Navigation.NavigateTo(page.Find("a.audit-older").GetAttribute("href")!);
        page.WaitForAssertion(() => Assert.Equal(5, Rows(page).Count));

        await ToggleAsync("staging", "ada@example.com");

        page.WaitForAssertion(() => Assert.Contains("Newer changes have been made", page.Find(".audit-newer").TextContent));
        Assert.Equal(5, Rows(page).Count);
    }

    [Fact]
    public void Filters_that_match_nothing_say_so_and_offer_to_clear_them()
    {
        var page = Open("/projects/shop/audit?actor=nobody%40example.com");

        Assert.Contains("No change matches these filters.", page.Find(".audit-empty").TextContent);
        Assert.Equal("/projects/shop/audit", page.FindAll("a").Single(a => a.TextContent.Trim() == "Clear the filters").GetAttribute("href"));
    }

    [Fact]
    public void With_the_database_down_a_new_filter_keeps_the_entries_shown_and_says_why()
    {
        var page = Open();
        var shown = Ids(page);
        Outage.Method = nameof(IFlagRepository.ListEnvironmentsAsync);
        Outage.Down = true;

        page.Find("#audit-flag").Change("new-checkout");

        page.WaitForAssertion(() => Assert.Contains("The database is unavailable; the page shows what was loaded before.", page.Snackbars()));
        Assert.Equal(shown, Ids(page));
    }

    private static List<long> Ids(IRenderedComponent<Providers> page) =>
        page.FindAll("tr.audit-entry time.audit-at").Select(t => long.Parse(t.GetAttribute("data-id")!)).ToList();
}
