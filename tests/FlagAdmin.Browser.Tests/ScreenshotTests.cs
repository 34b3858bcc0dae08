using FlagAdmin.Core.Users;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// The README's screenshots. Every run renders and captures the pages; with UPDATE_SCREENSHOTS=1 they are
/// written to docs/screenshots, otherwise to a temporary folder (a test run leaves the repository alone).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("flags-list-light.png", "/projects/shop/flags", "[role=switch]", ColorScheme.Light)]
    [InlineData("flags-list-dark.png", "/projects/shop/flags", "[role=switch]", ColorScheme.Dark)]
    [InlineData("create-flag.png", "/projects/shop/flags/new", "form.new-flag", ColorScheme.Light)]
    [InlineData("flag-detail.png", "/projects/shop/flags/new-checkout", "[role=switch]", ColorScheme.Light)]
    [InlineData("audit-trail.png", "/projects/shop/audit", "tr.audit-entry", ColorScheme.Light)]
    public async Task The_interactive_pages_render_in_both_themes(string file, string path, string shown, ColorScheme scheme)
    {
        await using var context = await fixture.SignedInAsync(Role.Admin, "admin@example.com", colorScheme: scheme);
        var page = await context.OpenInteractiveAsync(path);
        await Assertions.Expect(page.Locator(shown).First).ToBeVisibleAsync();

        // MudBlazor paints the page's background from its palette, dark or light as the browser prefers, once its script
        // has asked the browser (after the circuit starts); the wait fails the test if it never does.
        await page.WaitForFunctionAsync(
            "dark => { const red = parseInt(getComputedStyle(document.body).backgroundColor.match(/\\d+/)[0]); return dark ? red < 100 : red > 200; }",
            scheme == ColorScheme.Dark);
        var target = Path.Combine(Folder(), file);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = target, FullPage = true });

        Assert.True(new FileInfo(target).Length > 10_000);
    }

    private static string Folder()
    {
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") != "1")
        {
            return Directory.CreateTempSubdirectory("flagadmin-screenshots").FullName;
        }
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FlagAdmin.sln")))
        {
            directory = directory.Parent;
        }
        return Directory.CreateDirectory(Path.Combine(directory!.FullName, "docs", "screenshots")).FullName;
    }
}
