using System.Text.RegularExpressions;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// The account history in Chromium on both stores: a role change and a revoked token in words, the action filter in the
/// address (Back follows), keyset pages past 50 entries, the way in from the users page, a filter that cannot be read, the forbidden page for an Editor,
/// and axe on each of those. Users are shared by every browser test, so each test changes accounts of its own, as an
/// admin of its own, and reads the history filtered to that admin.
/// </summary>
public abstract class AccountHistoryInTheBrowserTests(BrowserFixture fixture)
{
    private static int _runs;

    private UserService Users => fixture.App.Services.GetRequiredService<UserService>();

    [Fact]
    public async Task An_admin_reads_a_role_change_and_a_revoked_token_and_filters_them_in_the_address()
    {
        var (admin, person) = await PeopleAsync();
        var promoted = await Users.UpdateUserAsync(new UserUpdate { Id = person.Id, ExpectedVersion = person.Version, Role = Role.Editor }, new ChangeContext(admin, "promoted", Role: Role.Admin));
        var token = await Users.CreateTokenAsync(promoted.Id, new NewAccessToken("ci-deploy", Role.Viewer, null), new ChangeContext(person.Email, Role: Role.Editor));
        await Users.RevokeTokenAsync(promoted.Id, token.Token.Id, new ChangeContext(admin, "leaked", Role: Role.Admin));
        var problems = new PageProblems();
        await using var context = await fixture.SignedInAsync(Role.Admin, admin);
        var page = await context.OpenInteractiveAsync($"/users/history?actor={Uri.EscapeDataString(admin)}", problems);

        var rows = page.Locator("tr.audit-entry");
        await Assertions.Expect(rows.Locator(".audit-action")).ToHaveTextAsync(["Access token revoked", "Role changed"]);
        await Assertions.Expect(rows.Nth(0).Locator(".audit-reason")).ToContainTextAsync("leaked");
        await Assertions.Expect(rows.Nth(0).Locator(".audit-subject")).ToContainTextAsync($"token 'ci-deploy' ({token.Token.Prefix}…) of {person.Email}");
        await Assertions.Expect(rows.Nth(1).Locator("[data-field=Role] del")).ToHaveTextAsync("viewer");
        await Assertions.Expect(rows.Nth(1).Locator("[data-field=Role] ins")).ToHaveTextAsync("editor");
        await Assertions.Expect(rows.Nth(1).Locator(".audit-subject a")).ToHaveAttributeAsync("href", $"/users/{person.Id}");
        Assert.DoesNotContain(token.Secret, await page.ContentAsync());
        await page.AssertAccessibleAsync();

        await page.Locator(".audit-action-filter").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Access token revoked" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("&action=AccessTokenRevoked$"));
        await Assertions.Expect(rows.Locator(".audit-action")).ToHaveTextAsync(["Access token revoked"]);
        await page.GoBackAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await page.AssertAccessibleAsync();
        problems.AssertNone();
    }

    [Fact]
    public async Task Older_entries_come_in_pages_of_fifty_whose_cursor_is_in_the_address()
    {
        var (admin, person) = await PeopleAsync();
        for (var i = 1; i <= 55; i++)
        {
            person = await Users.UpdateUserAsync(new UserUpdate { Id = person.Id, ExpectedVersion = person.Version, DisplayName = $"Renamed {i}" }, new ChangeContext(admin, Role: Role.Admin));
        }
        await using var context = await fixture.SignedInAsync(Role.Admin, admin);
        var page = await context.OpenInteractiveAsync($"/users/history?actor={Uri.EscapeDataString(admin)}");
        var rows = page.Locator("tr.audit-entry");
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        await Assertions.Expect(rows.First.Locator("[data-field='Display name'] ins")).ToHaveTextAsync("Renamed 55");

        await page.GetByRole(AriaRole.Link, new() { Name = "Older entries" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("\\?actor=[^&]+&before=\\d+$"));
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        await Assertions.Expect(rows.Last.Locator("[data-field='Display name'] ins")).ToHaveTextAsync("Renamed 1");
        await page.AssertAccessibleAsync();
        await page.GoBackAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(50);
    }

    [Fact]
    public async Task The_users_page_leads_to_it_and_a_time_that_cannot_be_read_is_explained_next_to_its_field()
    {
        var (admin, _) = await PeopleAsync();
        await using var context = await fixture.SignedInAsync(Role.Admin, admin);
        var users = await context.OpenInteractiveAsync("/users");
        await users.GetByRole(AriaRole.Link, new() { Name = "Account history" }).ClickAsync();
        await Assertions.Expect(users).ToHaveURLAsync(new Regex("/users/history$"));
        await Assertions.Expect(users.GetByRole(AriaRole.Heading, new() { Name = "Account history" })).ToBeVisibleAsync();

        var page = await context.OpenInteractiveAsync("/users/history?from=yesterday");

        await Assertions.Expect(page.GetByText("'yesterday' is not a time")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".audit-problem")).ToContainTextAsync("Correct the filters marked above");
        await Assertions.Expect(page.Locator("tr.audit-entry")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task An_editor_gets_the_forbidden_page()
    {
        await using var context = await fixture.SignedInAsync(Role.Editor, $"history-editor-{Interlocked.Increment(ref _runs)}@example.com");
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/users/history");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You may not do this" })).ToBeVisibleAsync();
    }

    /// <summary>An admin of this test's own and a Viewer account that admin will change.</summary>
    private async Task<(string Admin, User Person)> PeopleAsync()
    {
        var run = Interlocked.Increment(ref _runs);
        var admin = $"history-admin-{run}@example.com";
        await fixture.App.EnsureUserAsync(admin, Role.Admin);
        var person = await Users.CreateUserAsync(new NewUser($"history-person-{run}@example.com", "Person", Role.Viewer, AppOnLoopback.Password), AppOnLoopback.Seed);
        return (admin, person);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class AccountHistoryInTheBrowserOnMemoryTests(BrowserFixture fixture) : AccountHistoryInTheBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class AccountHistoryInTheBrowserOnPostgresTests(PostgresBrowserFixture fixture) : AccountHistoryInTheBrowserTests(fixture);
