using FlagAdmin.Core.Users;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// The server restarts on the same port while a form holds an edit that was not saved: the reconnect dialog says
/// FlagAdmin restarted and names the edit as not saved (with the text of a field still being typed in, which the server
/// never got), and after the reload the form has the edit again, still unsaved.
/// Each test runs its own app on a store that outlives it (a data file; a database), started twice.
/// </summary>
public abstract class RestartInTheBrowserTests(BrowserFixture fixture)
{
    private static readonly LocatorAssertionsToBeVisibleOptions ReconnectGivesUp = new() { Timeout = 60_000 };

    [Fact]
    public async Task After_a_restart_the_reconnect_dialog_says_so_and_the_unsaved_edit_comes_back()
    {
        var settings = await fixture.DurableStoreSettingsAsync();
        var before = new AppOnLoopback(settings);
        AppOnLoopback? after = null;
        try
        {
            await before.StartAsync();
            await using var admin = await fixture.SignedInAsync(Role.Admin, "restart-admin@example.com", app: before);
            var page = await admin.OpenInteractiveAsync("/projects");
            await page.GetByLabel("Key", new() { Exact = true }).FillAsync("after-restart");
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("After restart");
            // Going on to the reason sends the name; the reason itself is still being typed when the server goes.
            await page.GetByLabel("Reason (optional)").FillAsync("Spring catalogue");
            await page.WaitForFunctionAsync("() => Object.values(sessionStorage).some(kept => kept.includes('After restart'))");

            await before.DisposeAsync();
            after = new AppOnLoopback(settings, before.Port);
            after.Listen();

            var dialog = page.Locator("#components-reconnect-modal[data-state=restarted]");
            await Assertions.Expect(dialog).ToBeVisibleAsync(ReconnectGivesUp);
            await Assertions.Expect(dialog.Locator(".reconnect-title")).ToHaveTextAsync("FlagAdmin restarted");
            await Assertions.Expect(dialog.Locator(".reconnect-message")).ToContainTextAsync("Not saved yet");
            await Assertions.Expect(dialog.Locator(".reconnect-unsaved li")).ToHaveTextAsync([
                "New project 'after-restart' (name After restart)",
                "Reason (optional): \"Spring catalogue\" (typed but not sent; copy it before reloading)",
            ]);
            await page.AssertAccessibleAsync();

            await dialog.GetByRole(AriaRole.Button, new() { Name = "Reload the page" }).ClickAsync();

            // Shown by the reloaded page once its circuit has read the kept edit.
            await Assertions.Expect(page.Locator(".unsaved-restored")).ToContainTextAsync("New project 'after-restart' (name After restart)", new() { Timeout = 15_000 });
            await Assertions.Expect(page.GetByLabel("Key", new() { Exact = true })).ToHaveValueAsync("after-restart");
            await Assertions.Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("After restart");
            await Assertions.Expect(page.GetByLabel("Reason (optional)")).ToHaveValueAsync("");
            Assert.DoesNotContain(await after.Flags.ListProjectsAsync(), p => p.Key == "after-restart");

            await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();
            await page.WaitForURLAsync("**/projects/after-restart/settings?created=1");
            Assert.Equal("After restart", (await after.Flags.GetProjectAsync("after-restart")).Name);
            Assert.Empty(await page.EvaluateAsync<string[]>("() => Object.keys(sessionStorage).filter(key => key.startsWith('flagadmin-draft:'))"));
        }
        finally
        {
            await before.DisposeAsync();
            if (after is not null)
            {
                await after.DisposeAsync();
            }
            if (settings.TryGetValue("Store:Memory:DataFile", out var file) && file is not null)
            {
                File.Delete(file);
            }
        }
    }
}

[Collection(BrowserCollection.Name)]
public sealed class RestartInTheBrowserOnMemoryTests(BrowserFixture fixture) : RestartInTheBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class RestartInTheBrowserOnPostgresTests(PostgresBrowserFixture fixture) : RestartInTheBrowserTests(fixture);
