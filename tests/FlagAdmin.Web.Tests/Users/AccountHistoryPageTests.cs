using System.Net;
using AngleSharp.Dom;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Users;

/// <summary>/users/history: the account history page for Admins, on the memory store.</summary>
public sealed class AccountHistoryPageTests : IAsyncLifetime
{
    private readonly TestSite _site = new(FlagAdminFactory.Memory());
    private AccountHistoryScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await AccountHistoryScenario.RunAsync(_site.Services);

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private HttpClient Client(Role role = Role.Admin) => _site.Client(role, AccountHistoryScenario.Admin);

    [Fact]
    public async Task An_admin_sees_the_role_change_and_the_revoked_token_with_who_why_and_before_after()
    {
        var response = await Client().GetAsync("/users/history");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AccountHistoryPageAssertions.ShowsTheScenarioAsync(response, _scenario);
        _scenario.AssertNoSecretIn(html);
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Editor)]
    public async Task Viewers_and_editors_get_the_forbidden_page(Role role)
    {
        var page = await Client(role).GetAsync("/users/history");
        var fragment = await Client(role).GetAsync("/users/history/entries");

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal("You may not do this", (await HtmlPage.ParseAsync(page)).QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, fragment.StatusCode);
        Assert.DoesNotContain("ci-deploy", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_users_page_links_to_the_account_history()
    {
        var page = await HtmlPage.ParseAsync(await Client().GetAsync("/users"));

        Assert.NotNull(page.QuerySelector("a[href='/users/history']"));
    }

    [Fact]
    public async Task Older_entries_come_in_keyset_pages_that_work_without_javascript()
    {
        var users = _site.Users;
        var ada = _scenario.Ada;
        for (var i = 1; i <= 50; i++)
        {
            ada = await users.UpdateUserAsync(new UserUpdate { Id = ada.Id, ExpectedVersion = ada.Version, DisplayName = $"Ada {i}" }, new ChangeContext(AccountHistoryScenario.Admin));
        }
        var client = Client();

        var first = await HtmlPage.ParseAsync(await client.GetAsync("/users/history"));
        var older = first.QuerySelector("a.audit-older")!.GetAttribute("href")!;
        var second = await HtmlPage.ParseAsync(await client.GetAsync(older));

        Assert.Equal(50, Entries(first).Count);
        Assert.Equal("Display name changed", Label(Entries(first)[0]));
        Assert.Equal("Ada 50", Entries(first)[0].QuerySelector("[data-field='Display name'] ins")!.TextContent);
        Assert.StartsWith("/users/history?before=", older);
        Assert.Equal(["AccessTokenRevoked", "UserUpdated", "UserUpdated", "AccessTokenCreated", "UserCreated"], Entries(second).Select(e => e.GetAttribute("data-action")));
        Assert.Null(second.QuerySelector("a.audit-older"));
        Assert.NotNull(second.QuerySelector("a.audit-newest"));
    }

    [Fact]
    public async Task Filters_by_action_and_actor_narrow_the_list()
    {
        var client = Client();

        var revoked = await HtmlPage.ParseAsync(await client.GetAsync("/users/history?action=AccessTokenRevoked"));
        var byAda = await HtmlPage.ParseAsync(await client.GetAsync("/users/history?actor=ada%40example.com"));

        Assert.Equal(["Access token revoked"], Entries(revoked).Select(Label));
        Assert.Equal("AccessTokenRevoked", revoked.QuerySelector("#history-action option[selected]")!.GetAttribute("value"));
        Assert.Equal(["Access token created"], Entries(byAda).Select(Label));
        Assert.Equal("ada@example.com", Entries(byAda)[0].QuerySelector(".audit-actor")!.TextContent);
    }

    [Fact]
    public async Task A_time_that_cannot_be_read_is_explained_next_to_its_field()
    {
        var response = await Client().GetAsync("/users/history?from=yesterday&to=2026-01-01");
        var page = await HtmlPage.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("'yesterday' is not a time", page.QuerySelector("#history-from-problem")!.TextContent);
        Assert.Contains("is-invalid", page.QuerySelector("#history-from")!.ClassName);
        Assert.Empty(Entries(page));
    }

    [Fact]
    public async Task The_htmx_fragment_holds_only_the_history_and_pushes_the_page_address()
    {
        var client = Client();
        client.DefaultRequestHeaders.Add("HX-Request", "true");

        var response = await client.GetAsync("/users/history/entries?actor=&action=UserUpdated&from=&to=");
        var fragment = await HtmlPage.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/users/history?action=UserUpdated", response.Headers.GetValues("HX-Push-Url").Single());
        Assert.Null(fragment.QuerySelector("nav.navbar"));
        Assert.Equal(["Password reset or no visible change", "Role changed"], Entries(fragment).Select(Label));
    }

    public static IReadOnlyList<IElement> Entries(IDocument page) => page.QuerySelectorAll("#account-history li.audit-entry").ToList();

    public static string Label(IElement entry) => entry.QuerySelector(".audit-action")!.TextContent;
}

/// <summary>What the page must show for <see cref="AccountHistoryScenario"/> on either store.</summary>
public static class AccountHistoryPageAssertions
{
    public static async Task ShowsTheScenarioAsync(HttpResponseMessage response, AccountHistoryScenario scenario)
    {
        var entries = AccountHistoryPageTests.Entries(await HtmlPage.ParseAsync(response));
        Assert.Equal(["Access token revoked", "Password reset or no visible change", "Role changed", "Access token created", "User created"],
            entries.Select(AccountHistoryPageTests.Label));

        var revoked = entries[0];
        Assert.Equal(AccountHistoryScenario.Admin, revoked.QuerySelector(".audit-actor")!.TextContent);
        Assert.Contains("leaked", revoked.QuerySelector(".audit-reason")!.TextContent);
        var subject = revoked.QuerySelector(".audit-subject")!;
        Assert.Contains("token 'ci-deploy'", subject.TextContent);
        Assert.Contains(scenario.Ada.Email, subject.TextContent);
        Assert.Equal($"/users/{scenario.Ada.Id}", subject.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("none", revoked.QuerySelector("[data-field='Revoked by'] del")!.TextContent);
        Assert.Equal(AccountHistoryScenario.Admin, revoked.QuerySelector("[data-field='Revoked by'] ins")!.TextContent);

        var promoted = entries[2];
        Assert.Equal(AccountHistoryScenario.Admin, promoted.QuerySelector(".audit-actor")!.TextContent);
        Assert.Contains("promoted", promoted.QuerySelector(".audit-reason")!.TextContent);
        Assert.Contains(scenario.Ada.Email, promoted.QuerySelector(".audit-subject")!.TextContent);
        Assert.Equal("viewer", promoted.QuerySelector("[data-field=Role] del")!.TextContent);
        Assert.Equal("editor", promoted.QuerySelector("[data-field=Role] ins")!.TextContent);

        Assert.Contains("via the browser", entries[1].QuerySelector(".audit-via")!.TextContent);
        Assert.Contains("No visible change", entries[1].TextContent);
    }
}
