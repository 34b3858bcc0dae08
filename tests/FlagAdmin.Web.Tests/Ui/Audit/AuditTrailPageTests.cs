using System.Net;
using AngleSharp.Dom;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Ui.Audit;

public sealed class AuditTrailPageTests : IAsyncLifetime
{
    private AuditTrailSite _site = default!;

    public async Task InitializeAsync() => _site = await AuditTrailSite.StartAsync(FlagAdminFactory.Memory());

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_viewer_reads_every_change_newest_first_with_who_what_where_and_the_difference()
    {
        await _site.ToggleAsync("checkout", "production", true, AuditTrailSite.Bob with { });
        await _site.Flags.SetRolloutAsync("shop", "checkout", "production", 1250,
            (await _site.Flags.GetFlagAsync("shop", "checkout")).StateIn("production")!.Version,
            new ChangeContext("ada@example.com", "Ramp up after the launch", Via: "token 'ci-deploy'"));

        var page = await GetPageAsync("/projects/shop/audit");

        var entries = Entries(page);
        Assert.Equal(["Rollout changed", "Flag toggled"], entries.Take(2).Select(e => e.QuerySelector(".audit-action")!.TextContent));
        var rollout = entries[0];
        Assert.Equal("ada@example.com", rollout.QuerySelector(".audit-actor")!.TextContent);
        Assert.Equal("via token 'ci-deploy'", rollout.QuerySelector(".audit-via")!.TextContent);
        Assert.Equal("production", rollout.QuerySelector(".audit-environment")!.TextContent);
        Assert.Equal("/projects/shop/flags/checkout", rollout.QuerySelector("a.audit-flag")!.GetAttribute("href"));
        Assert.Contains("Ramp up after the launch", rollout.QuerySelector(".audit-reason")!.TextContent);
        Assert.Equal("100 %", rollout.QuerySelector("[data-field=Rollout] del")!.TextContent);
        Assert.Equal("12.5 %", rollout.QuerySelector("[data-field=Rollout] ins")!.TextContent);
        var toggle = entries[1];
        Assert.Equal("bob@example.com", toggle.QuerySelector(".audit-actor")!.TextContent);
        Assert.Null(toggle.QuerySelector(".audit-via"));
        Assert.Equal("on", toggle.QuerySelector("[data-field=Enabled] ins")!.TextContent);
        Assert.Equal("2026-05-04 10:01:00 UTC", toggle.QuerySelector("time")!.TextContent);
        Assert.NotNull(page.QuerySelector("nav a.active[href='/projects/shop/audit']"));
    }

    [Fact]
    public async Task Filters_by_flag_environment_actor_and_action_narrow_the_entries()
    {
        await _site.ToggleAsync("checkout", "production", true, AuditTrailSite.Bob);
        await _site.ToggleAsync("checkout", "development", true, AuditTrailSite.Ada);
        await _site.ToggleAsync("search", "production", true, AuditTrailSite.Ada);
        await _site.SetRolloutAsync("search", "production", 5000, AuditTrailSite.Ada);

        Assert.Equal(["checkout/development", "checkout/production", "checkout/"],
            Keys(await GetPageAsync("/projects/shop/audit?flag=checkout")));
        Assert.Equal(["search/production", "search/production", "checkout/production", "/production"],
            Keys(await GetPageAsync("/projects/shop/audit?environment=production")));
        Assert.Equal(["checkout/production"],
            Keys(await GetPageAsync("/projects/shop/audit?actor=bob%40example.com")));
        Assert.Equal(["search/production"],
            Keys(await GetPageAsync("/projects/shop/audit?action=RolloutChanged")));
        Assert.Equal(["search/production"],
            Keys(await GetPageAsync("/projects/shop/audit?flag=search&environment=production&actor=ada%40example.com&action=FlagToggled")));
    }

    [Fact]
    public async Task A_time_range_keeps_entries_from_its_start_up_to_but_not_including_its_end()
    {
        await _site.ToggleAsync("checkout", "production", true, AuditTrailSite.Bob);   // 10:01
        await _site.ToggleAsync("checkout", "production", false, AuditTrailSite.Bob);  // 10:02
        await _site.ToggleAsync("checkout", "production", true, AuditTrailSite.Bob);   // 10:03

        var page = await GetPageAsync("/projects/shop/audit?from=2026-05-04T10:02&to=2026-05-04T10:03");

        var entry = Assert.Single(Entries(page));
        Assert.Equal("2026-05-04 10:02:00 UTC", entry.QuerySelector("time")!.TextContent);
        Assert.Equal("2026-05-04T10:02:00", page.QuerySelector("#audit-from")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_filter_form_shows_the_chosen_filters()
    {
        var page = await GetPageAsync("/projects/shop/audit?flag=checkout&environment=production&actor=bob%40example.com&action=FlagToggled");

        Assert.Equal("checkout", page.QuerySelector("#audit-flag")!.GetAttribute("value"));
        Assert.Equal("production", page.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#audit-environment")!.Value);
        Assert.Equal("bob@example.com", page.QuerySelector("#audit-actor")!.GetAttribute("value"));
        Assert.Equal("FlagToggled", page.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#audit-action")!.Value);
        Assert.Equal("get", page.QuerySelector("form.audit-filters")!.GetAttribute("method"));
        Assert.Equal("/projects/shop/audit/export.csv?flag=checkout&environment=production&actor=bob@example.com&action=FlagToggled",
            page.QuerySelector("a.audit-export-csv")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Filters_that_cannot_be_read_are_explained_next_to_their_fields_and_nothing_is_listed()
    {
        await _site.ToggleAsync("checkout", "production", true, AuditTrailSite.Bob);

        var response = await _site.Client(Role.Viewer).GetAsync("/projects/shop/audit?action=Explode&from=yesterday&to=2026-01-01");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ParseAsync(response);
        Assert.Empty(Entries(page));
        Assert.Contains("not an action", page.QuerySelector("#audit-action-problem")!.TextContent);
        Assert.Contains("'yesterday' is not a time", page.QuerySelector("#audit-from-problem")!.TextContent);
        Assert.Contains("is-invalid", page.QuerySelector("#audit-from")!.ClassName);
        Assert.Null(page.QuerySelector("#audit-to-problem"));
    }

    [Fact]
    public async Task A_range_that_ends_before_it_starts_is_explained()
    {
        var page = await GetPageAsync("/projects/shop/audit?from=2026-05-04&to=2026-05-03");

        Assert.Contains("must come after its start", page.QuerySelector("#audit-to-problem")!.TextContent);
    }

    [Fact]
    public async Task Pages_of_fifty_follow_each_other_without_gaps_or_repeats()
    {
        for (var i = 0; i < 60; i++)
        {
            await _site.ToggleAsync("checkout", "development", i % 2 == 0, AuditTrailSite.Bob);
        }
        var all = await _site.Flags.HistoryAsync(new Core.Audit.AuditQuery { ProjectKey = "shop", Limit = 500 });

        var first = await GetPageAsync("/projects/shop/audit");
        var older = first.QuerySelector("a.audit-older")!.GetAttribute("href")!;
        var second = await GetPageAsync(older);

        var ids = Entries(first).Concat(Entries(second)).Select(e => long.Parse(e.GetAttribute("data-id")!)).ToList();
        Assert.Equal(all.Items.Select(e => e.Id), ids);
        Assert.Equal(50, Entries(first).Count);
        Assert.Null(second.QuerySelector("a.audit-older"));
        Assert.Equal("/projects/shop/audit", second.QuerySelector("a.audit-newest")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Paging_keeps_the_filters()
    {
        for (var i = 0; i < 55; i++)
        {
            await _site.ToggleAsync("search", "production", i % 2 == 0, AuditTrailSite.Ada);
            await _site.ToggleAsync("checkout", "production", i % 2 == 0, AuditTrailSite.Ada);
        }

        var first = await GetPageAsync("/projects/shop/audit?flag=search");
        var second = await GetPageAsync(first.QuerySelector("a.audit-older")!.GetAttribute("href")!);

        Assert.StartsWith("/projects/shop/audit?flag=search&before=", first.QuerySelector("a.audit-older")!.GetAttribute("href"));
        Assert.All(Entries(second), e => Assert.Equal("search", e.QuerySelector(".audit-flag")!.TextContent.Trim()));
        Assert.Equal(6, Entries(second).Count); // 55 toggles and the creation
    }

    [Fact]
    public async Task A_broken_page_link_offers_the_newest_entries_instead()
    {
        var page = await GetPageAsync("/projects/shop/audit?flag=checkout&before=abc");

        Assert.Contains("not valid", page.QuerySelector(".alert")!.TextContent);
        Assert.Equal("/projects/shop/audit?flag=checkout", page.QuerySelector(".alert a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_htmx_fragment_is_the_trail_alone_and_puts_the_pages_address_in_the_address_bar()
    {
        await _site.ToggleAsync("checkout", "production", true, AuditTrailSite.Bob);
        var client = _site.Client(Role.Viewer);
        client.DefaultRequestHeaders.Add("HX-Request", "true");

        var response = await client.GetAsync("/projects/shop/audit/entries?flag=checkout&environment=&actor=&action=FlagToggled&from=&to=");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/projects/shop/audit?flag=checkout&action=FlagToggled", response.Headers.GetValues("HX-Push-Url").Single());
        var fragment = await HtmlPage.ParseAsync(response);
        Assert.Null(fragment.QuerySelector("nav.navbar"));
        Assert.NotNull(fragment.QuerySelector("#audit-trail form.audit-filters"));
        Assert.Equal(["checkout/production"], Keys(fragment));
    }

    [Fact]
    public async Task The_audit_trail_of_an_unknown_project_is_not_found()
    {
        var page = await _site.Client(Role.Viewer).GetAsync("/projects/nowhere/audit");
        var fragment = await _site.Client(Role.Viewer).GetAsync("/projects/nowhere/audit/entries");
        var export = await _site.Client(Role.Viewer).GetAsync("/projects/nowhere/audit/export.csv");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fragment.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        var page = await _site.SignedOutClient().GetAsync("/projects/shop/audit");
        var export = await _site.SignedOutClient().GetAsync("/projects/shop/audit/export.json");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, export.StatusCode);
        Assert.StartsWith("/signin", export.Headers.Location!.PathAndQuery);
    }

    private async Task<IDocument> GetPageAsync(string path)
    {
        var response = await _site.Client(Role.Viewer).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlPage.ParseAsync(response);
    }

    internal static List<IElement> Entries(IDocument page) => page.QuerySelectorAll("li.audit-entry").ToList();

    /// <summary>"flag/environment" of each entry, in order.</summary>
    internal static List<string> Keys(IDocument page) => Entries(page)
        .Select(e => $"{e.QuerySelector(".audit-flag")?.TextContent.Trim()}/{e.QuerySelector(".audit-environment")?.TextContent}")
        .ToList();
}
