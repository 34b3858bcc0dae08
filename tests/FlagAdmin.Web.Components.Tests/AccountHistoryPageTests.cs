using FlagAdmin.Core.Common;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Components.Pages.Users;
using FlagAdmin.Web.Tests.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Components.Tests;

/// <summary>
/// The account history page (Admins): account and token changes in words (what, whose, who, why, before and after) with no
/// secret anywhere, filters and the page cursor in the address, keyset pages of 50, and filters that cannot be read.
/// </summary>
public sealed class AccountHistoryPageTests : AdminUi
{
    private AccountHistoryScenario _scenario = default!;

    private NavigationManager Navigation => Ui.Services.GetRequiredService<NavigationManager>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsync(Role.Admin, "history-admin@example.com");
        _scenario = await AccountHistoryScenario.RunAsync(Ui.Services);
    }

    private IRenderedComponent<Providers> Open(string address = "/users/history")
    {
        Navigation.NavigateTo(address);
        return Render(builder =>
        {
            builder.OpenComponent<AccountHistory>(0);
            builder.CloseComponent();
        });
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<Providers> page) => page.FindAll("tr.audit-entry");

    private static string Text(AngleSharp.Dom.IElement row, string selector) => row.QuerySelector(selector)?.TextContent.Trim() ?? "";

    private static IEnumerable<string> Labels(IRenderedComponent<Providers> page) => Rows(page).Select(r => Text(r, ".audit-action"));

    [Fact]
    public void An_admin_reads_the_role_change_and_the_revoked_token_with_who_why_and_before_and_after_and_no_secret()
    {
        var page = Open();

        Assert.Equal(["Access token revoked", "Password reset or no visible change", "Role changed", "Access token created", "User created"], Labels(page).Take(5));
        var rows = Rows(page);
        var revoked = rows[0];
        Assert.Equal(AccountHistoryScenario.Admin, Text(revoked, ".audit-actor"));
        Assert.Contains("leaked", Text(revoked, ".audit-reason"));
        Assert.Contains("token 'ci-deploy'", Text(revoked, ".audit-subject"));
        Assert.Contains(_scenario.Ada.Email, Text(revoked, ".audit-subject"));
        Assert.Equal($"/users/{_scenario.Ada.Id}", revoked.QuerySelector(".audit-subject a")!.GetAttribute("href"));
        Assert.Equal(("none", AccountHistoryScenario.Admin), (Text(revoked, "[data-field='Revoked by'] del"), Text(revoked, "[data-field='Revoked by'] ins")));
        var promoted = rows[2];
        Assert.Contains("promoted", Text(promoted, ".audit-reason"));
        Assert.Equal(("viewer", "editor"), (Text(promoted, "[data-field=Role] del"), Text(promoted, "[data-field=Role] ins")));
        Assert.Equal("via the browser", Text(rows[1], ".audit-via"));
        Assert.Contains("No visible change", rows[1].TextContent);
        _scenario.AssertNoSecretIn(page.Markup);
    }

    [Fact]
    public async Task The_stored_records_hold_no_secret_either()
    {
        var page = Open();

        for (var i = 0; i < 5; i++)
        {
            await page.FindAll("tr.audit-entry button.audit-record-toggle").First(b => b.GetAttribute("aria-expanded") == "false").ClickAsync();
        }

        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll(".audit-json").Count));
        _scenario.AssertNoSecretIn(page.Markup);
    }

    [Fact]
    public void Filters_come_from_the_address_and_the_list_follows_when_it_changes()
    {
        var page = Open("/users/history?action=AccessTokenRevoked");
        Assert.Equal(["Access token revoked"], Labels(page));
        Assert.Equal("Access token revoked", page.Find(".audit-action-filter input").GetAttribute("value"));
        Assert.Empty(page.FindAll("#audit-flag"));

        Navigation.NavigateTo("/users/history?actor=ada%40example.com");

        page.WaitForAssertion(() => Assert.Equal(["Access token created"], Labels(page)));
        Assert.Equal("ada@example.com", page.Find("#audit-actor").GetAttribute("value"));
    }

    [Fact]
    public void A_filter_typed_in_goes_to_the_address_and_the_list_follows()
    {
        var page = Open();

        page.Find("#audit-actor").Change("ada@example.com");

        Assert.EndsWith("/users/history?actor=ada@example.com", Uri.UnescapeDataString(Navigation.Uri));
        page.WaitForAssertion(() => Assert.Equal(["Access token created"], Labels(page)));
    }

    [Fact]
    public void A_time_that_cannot_be_read_is_explained_next_to_its_field_and_nothing_is_listed()
    {
        var page = Open("/users/history?from=yesterday&to=2026-01-01");

        Assert.Empty(Rows(page));
        Assert.Contains("Correct the filters marked above", page.Find(".audit-problem").TextContent);
        var error = Assert.Single(page.FindAll(".mud-input-control.mud-input-error .mud-input-helper-text"));
        Assert.Contains("'yesterday' is not a time", error.TextContent);
    }

    [Fact]
    public async Task Older_entries_come_in_keyset_pages_whose_cursor_is_in_the_address()
    {
        var ada = _scenario.Ada;
        for (var i = 1; i <= 50; i++)
        {
            ada = await Users.UpdateUserAsync(new UserUpdate { Id = ada.Id, ExpectedVersion = ada.Version, DisplayName = $"Ada {i}" }, new ChangeContext(AccountHistoryScenario.Admin));
        }
        var page = Open();
        Assert.Equal(50, Rows(page).Count);
        Assert.Equal("Display name changed", Labels(page).First());
        Assert.Equal("Ada 50", Text(Rows(page)[0], "[data-field='Display name'] ins"));
        var older = page.Find("a.audit-older").GetAttribute("href")!;
        Assert.StartsWith("/users/history?before=", older);

        Navigation.NavigateTo(older);

        page.WaitForAssertion(() => Assert.Equal("Access token revoked", Labels(page).First()));
        Assert.Equal(["Access token revoked", "Password reset or no visible change", "Role changed", "Access token created", "User created"], Labels(page).Take(5));
        Assert.Empty(page.FindAll("a.audit-older"));
        Assert.Equal("/users/history", page.Find("a.audit-newest").GetAttribute("href"));
    }

    [Fact]
    public void Filters_that_match_nothing_say_so_and_offer_to_clear_them()
    {
        var page = Open("/users/history?actor=nobody%40example.com");

        Assert.Contains("No change matches these filters.", page.Find(".audit-empty").TextContent);
        Assert.Equal("/users/history", page.FindAll("a").Single(a => a.TextContent.Trim() == "Clear the filters").GetAttribute("href"));
    }
}
