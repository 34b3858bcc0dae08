using FlagAdmin.Core.Users;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>The System page on both stores: an Admin reaches it from the drawer and reads what the store is and holds; others neither see the link nor get the page.</summary>
public abstract class SystemInTheBrowserTests(BrowserFixture fixture, string kind)
{
    [Fact]
    public async Task An_admin_opens_the_system_page_from_the_drawer_and_reads_the_store_and_its_counts()
    {
        var problems = new PageProblems();
        await using var admin = await fixture.SignedInAsync(Role.Admin, "system-admin@example.com");
        var page = await admin.OpenInteractiveAsync("/projects", problems);

        await page.GetByRole(AriaRole.Link, new() { Name = "System", Exact = true }).ClickAsync();

        await page.WaitForURLAsync("**/system", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "System", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".store-kind")).ToHaveTextAsync(kind);
        var projects = page.Locator(".system-counts tr", new() { HasText = "Projects" }).Locator("td");
        var shown = long.Parse((await projects.GetAttributeAsync("data-count"))!);
        Assert.Equal((await fixture.App.Flags.ListProjectsAsync()).Count, shown);
        await Assertions.Expect(page.Locator(".system-counted-at")).ToContainTextAsync("at most every 30 seconds");
        await page.AssertAccessibleAsync();
        problems.AssertNone();
    }

    [Fact]
    public async Task An_editor_has_no_system_link_and_is_refused_the_page()
    {
        await using var editor = await fixture.SignedInAsync(Role.Editor, "system-editor@example.com");
        var page = await editor.OpenInteractiveAsync("/projects");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Projects", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "System", Exact = true })).ToHaveCountAsync(0);

        var refused = await page.GotoAsync("/system");

        Assert.Equal(403, refused!.Status);
        await Assertions.Expect(page.Locator(".system-counts")).ToHaveCountAsync(0);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class SystemInTheBrowserOnMemoryTests(BrowserFixture fixture) : SystemInTheBrowserTests(fixture, "Memory");

[Collection(PostgresBrowserCollection.Name)]
public sealed class SystemInTheBrowserOnPostgresTests(PostgresBrowserFixture fixture) : SystemInTheBrowserTests(fixture, "PostgreSQL");
