using System.Net;
using System.Text;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Users;
using Xunit.Abstractions;

namespace FlagAdmin.Web.Tests.Ui.Flags;

public sealed class FlagsListPageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestSite _host = default!;

    public async Task InitializeAsync() => _host = await FlagsListSeed.StartAsync(FlagAdminFactory.Memory());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Each_flag_is_a_row_with_a_switch_and_rollout_per_environment_its_tags_owner_and_last_change()
    {
        var state = await _host.StateAsync("new-checkout", "production");
        await _host.Flags.SetRolloutAsync("shop", "new-checkout", "production", 1250, state.Version, TestSite.Seed);

        var page = await _host.Client(Role.Editor).GetPageAsync("/projects/shop/flags");

        var row = page.QuerySelector("tr#flag-new-checkout")!;
        Assert.Equal("/projects/shop/flags/new-checkout", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(["Development", "Staging", "Production"], page.QuerySelectorAll("thead th").Skip(1).Take(3).Select(th => th.TextContent.Trim()));
        Assert.Equal(3, row.QuerySelectorAll("button[role=switch]").Length);
        Assert.Equal("false", row.QuerySelector("button[aria-label='Turn new-checkout on in Production']")!.GetAttribute("aria-checked"));
        Assert.Equal(["100 %", "100 %", "12.5 %"], row.QuerySelectorAll("td.text-center .small").Select(d => d.TextContent));
        Assert.Equal(["checkout", "web"], row.QuerySelectorAll("a.badge").Select(a => a.TextContent));
        Assert.Contains("payments", row.TextContent);
        Assert.Contains("seed@example.com", row.QuerySelector("td:last-child")!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll("tbody tr").Length);
        Assert.Equal("/projects/shop/events", page.QuerySelector("[sse-connect]")!.GetAttribute("sse-connect"));
    }

    [Fact]
    public async Task A_live_refresh_of_a_row_answers_204_until_something_in_it_changed()
    {
        var client = _host.Client(Role.Viewer);
        var page = await client.GetPageAsync("/projects/shop/flags");
        var refresh = page.QuerySelector("tr#flag-new-checkout")!.GetAttribute("hx-get")!;

        var unchanged = await client.HtmxGetAsync(refresh);
        var state = await _host.StateAsync("new-checkout", "production");
        await _host.Flags.SetEnabledAsync("shop", "new-checkout", "production", !state.Enabled, state.Version, TestSite.Seed);
        var changed = await client.HtmxGetAsync(refresh);

        Assert.Equal(HttpStatusCode.NoContent, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var row = (await changed.ParseFragmentAsync()).QuerySelector("tr#flag-new-checkout")!;
        Assert.Equal(state.Enabled ? "false" : "true", row.QuerySelector("button[aria-label^='Turn new-checkout'][aria-label$='in Production']")!.GetAttribute("aria-checked"));
        Assert.NotEqual(refresh, row.GetAttribute("hx-get"));
    }

    [Fact]
    public async Task Filters_by_tag_owner_and_on_or_off_in_an_environment_combine()
    {
        var state = await _host.StateAsync("dark-banner", "production");
        await _host.Flags.SetEnabledAsync("shop", "dark-banner", "production", true, state.Version, TestSite.Seed);
        var client = _host.Client(Role.Viewer);

        async Task<string[]> Keys(string query) =>
            (await client.GetPageAsync("/projects/shop/flags?" + query)).QuerySelectorAll("tbody tr").Select(r => r.Id!["flag-".Length..]).ToArray();

        Assert.Equal(["dark-banner", "new-checkout"], await Keys("tag=web"));
        Assert.Equal(["new-checkout"], await Keys("tag=checkout"));
        Assert.Equal(["dark-banner"], await Keys("owner=marketing"));
        Assert.Equal(["dark-banner"], await Keys("env=production&state=on"));
        Assert.Equal(["new-checkout"], await Keys("env=production&state=off&tag=web"));
        Assert.Empty(await Keys("archived=archived"));
        Assert.Equal(["new-checkout", "dark-banner"], await Keys("sort=name&order=desc"));
    }

    [Fact]
    public async Task On_or_off_without_an_environment_is_explained_instead_of_failing()
    {
        var response = await _host.Client(Role.Viewer).GetAsync("/projects/shop/flags?state=on&page=abc&sort=nonsense");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ParseAsync(response);
        Assert.Contains("Choose an environment", page.QuerySelector("#flags-table .alert")!.TextContent);
    }

    [Fact]
    public async Task Pages_hold_fifty_flags_and_link_the_next_page_as_address_and_fragment()
    {
        await using var host = await FlagsListSeed.StartAsync(FlagAdminFactory.Memory(), flagCount: 120);
        var client = host.Client(Role.Viewer);

        var first = await client.GetPageAsync("/projects/shop/flags");
        var next = first.QuerySelector("nav[aria-label='Pages of flags'] a.page-link")!;
        var third = await HtmlPage.ParseAsync(await client.HtmxGetAsync("/projects/shop/flags-table?page=3"));

        Assert.Equal(50, first.QuerySelectorAll("tbody tr").Length);
        Assert.Equal("Showing 1–50 of 120 flags", first.QuerySelector("[data-flag-count]")!.TextContent);
        Assert.Equal("/projects/shop/flags?page=2", next.GetAttribute("href"));
        Assert.Equal("/projects/shop/flags-table?page=2", next.GetAttribute("hx-get"));
        Assert.Equal(20, third.QuerySelectorAll("tbody tr").Length);
        Assert.Equal(["flag-flag-00120", "flag-new-checkout"], third.QuerySelectorAll("tbody tr").TakeLast(2).Select(r => r.Id));
    }

    [Fact]
    public async Task Without_javascript_a_toggle_posts_the_form_and_comes_back_to_the_same_list()
    {
        var client = _host.Client(Role.Editor);
        var page = await client.GetPageAsync("/projects/shop/flags?tag=web&sort=name");
        var form = page.QuerySelector("#flags-table form[method=post]")!;
        var toggle = page.Switch("dark-banner", "Development")!;

        var response = await client.PostFormAsync(page, form.GetAttribute("action")!,
            ("toggle", toggle.GetAttribute("value")!), ("q", form.QuerySelector("input[name=q]")!.GetAttribute("value")!));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/projects/shop/flags?tag=web&sort=name", response.Headers.Location!.OriginalString);
        Assert.True((await _host.StateAsync("dark-banner", "development")).Enabled);
    }

    [Fact]
    public async Task Without_javascript_a_protected_environment_asks_for_confirmation_first()
    {
        var client = _host.Client(Role.Editor);
        var page = await client.GetPageAsync("/projects/shop/flags");
        var toggle = page.Switch("dark-banner", "Production")!.GetAttribute("value")!;

        var unconfirmed = await client.PostFormAsync(page, "/projects/shop/flags/toggle", ("toggle", toggle), ("q", ""));
        Assert.Equal(HttpStatusCode.SeeOther, unconfirmed.StatusCode);
        Assert.False((await _host.StateAsync("dark-banner", "production")).Enabled);

        var confirmation = await client.GetPageAsync(unconfirmed.Headers.Location!.OriginalString);
        Assert.NotNull(confirmation.QuerySelector("input[type=checkbox][name=confirmed][required]"));
        var confirmed = await client.PostFormAsync(confirmation, "/projects/shop/flags/toggle",
            ("toggle", confirmation.QuerySelector("input[name=toggle]")!.GetAttribute("value")!), ("q", ""),
            ("confirmed", "true"), ("reason", "Holiday campaign starts"));

        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        Assert.Equal("/projects/shop/flags", confirmed.Headers.Location!.OriginalString);
        Assert.True((await _host.StateAsync("dark-banner", "production")).Enabled);
        var history = await _host.Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", FlagKey = "dark-banner", Limit = 1 });
        Assert.Equal("Holiday campaign starts", history.Items[0].Reason);
    }

    [Fact]
    public async Task With_htmx_a_protected_environment_takes_the_prompted_reason()
    {
        var client = _host.Client(Role.Editor);
        var page = await client.GetPageAsync("/projects/shop/flags");
        var toggle = page.Switch("dark-banner", "Production")!;
        Assert.Contains("Production is protected", toggle.GetAttribute("hx-prompt"));

        var response = await client.HtmxPostAsync(page, "/projects/shop/flags/toggle", [("toggle", toggle.GetAttribute("value")!), ("q", "")], prompt: "Campaign");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = await _host.Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", FlagKey = "dark-banner", Limit = 1 });
        Assert.Equal("Campaign", history.Items[0].Reason);
    }

    [Fact]
    public async Task A_required_reason_left_empty_is_explained_in_the_row_and_nothing_changes()
    {
        await using var host = await FlagsListSeed.StartAsync(FlagAdminFactory.Memory(), requireReason: true);
        var client = host.Client(Role.Editor);
        var page = await client.GetPageAsync("/projects/shop/flags");
        var toggle = page.Switch("dark-banner", "Production")!;
        Assert.Contains("(required)", toggle.GetAttribute("hx-prompt"));

        var response = await client.HtmxPostAsync(page, "/projects/shop/flags/toggle", [("toggle", toggle.GetAttribute("value")!), ("q", "")], prompt: "");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("true", response.Headers.GetValues("FlagAdmin-Swap").Single());
        Assert.Contains("Give a reason", (await response.ParseFragmentAsync()).QuerySelector("[data-row-note]")!.TextContent);
        Assert.False((await host.StateAsync("dark-banner", "production")).Enabled);
    }

    [Fact]
    public async Task A_viewer_sees_disabled_switches_and_the_server_refuses_a_toggle_anyway()
    {
        var client = _host.Client(Role.Viewer);
        var page = await client.GetPageAsync("/projects/shop/flags");
        var toggle = page.Switch("new-checkout", "Staging")!;
        Assert.True(toggle.HasAttribute("disabled"));
        Assert.Null(page.QuerySelector("a[href='/projects/shop/flags/new']"));

        var response = await client.HtmxPostAsync(page, "/projects/shop/flags/toggle", [("toggle", toggle.GetAttribute("value")!), ("q", "")]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("needs the Editor role", (await response.ParseFragmentAsync()).QuerySelector("[data-row-note]")!.TextContent);
        Assert.False((await _host.StateAsync("new-checkout", "staging")).Enabled);
    }

    [Fact]
    public async Task A_toggle_without_the_antiforgery_token_is_refused()
    {
        var client = _host.Client(Role.Editor);
        var state = await _host.StateAsync("new-checkout", "staging");

        var response = await client.PostAsync("/projects/shop/flags/toggle",
            new FormUrlEncodedContent([KeyValuePair.Create("toggle", $"new-checkout|staging|on|{state.Version}")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False((await _host.StateAsync("new-checkout", "staging")).Enabled);
    }

    [Fact]
    public async Task A_malformed_switch_value_is_explained_not_a_server_error()
    {
        var client = _host.Client(Role.Editor);
        var page = await client.GetPageAsync("/projects/shop/flags");

        var response = await client.HtmxPostAsync(page, "/projects/shop/flags/toggle", [("toggle", "new-checkout|staging|maybe|x")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("#flags-alert", response.Headers.GetValues("HX-Retarget").Single());
    }

    [Fact]
    public async Task The_live_feed_tells_an_open_list_who_turned_which_flag_on_where()
    {
        using var stream = await _host.Client(Role.Viewer).GetAsync("/projects/shop/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        Assert.Equal(": connected", await reader.ReadLineAsync());

        var state = await _host.StateAsync("new-checkout", "production");
        await _host.Flags.SetEnabledAsync("shop", "new-checkout", "production", true, state.Version, new("alice@example.com", Role: Role.Editor));

        var events = new Dictionary<string, string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string? name = null;
        while (!events.ContainsKey("flag-note") && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events[name!] = line["data: ".Length..];
            }
        }
        Assert.Contains("\"environment\":\"production\"", events["flag-changed-new-checkout"]);
        Assert.Contains("\"enabled\":true", events["flag-changed"]);
        Assert.Contains("alice@example.com turned new-checkout on in production", events["flag-note"]);
    }

    [Fact]
    public async Task A_page_of_fifty_from_ten_thousand_flags_stays_light()
    {
        await using var host = await FlagsListSeed.StartAsync(FlagAdminFactory.Memory(), flagCount: 10_000);
        var client = host.Client(Role.Editor);

        var response = await client.GetAsync("/projects/shop/flags?page=100");
        var html = await response.Content.ReadAsStringAsync();
        var page = await HtmlPage.ParseAsync(response);

        Assert.Equal(50, page.QuerySelectorAll("tbody tr").Length);
        Assert.Equal("Showing 4,951–5,000 of 10,000 flags", page.QuerySelector("[data-flag-count]")!.TextContent);
        output.WriteLine($"Flags list, page 100 of 10,000 flags, 3 environments: {Encoding.UTF8.GetByteCount(html):N0} bytes of HTML");
    }
}
