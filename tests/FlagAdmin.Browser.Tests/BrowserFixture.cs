using FlagAdmin.Core.Users;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// One app and one Debian Chromium for all browser tests. A missing browser fails the tests (CI installs it:
/// .ci/install-prerequisites); Playwright's own browser download is never used.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public AppOnLoopback App { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run .ci/install-prerequisites (apt-get install -y chromium).");
        }
        await App.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// A fresh browser profile signed in through the real /signin page as <paramref name="email"/>, a user with
    /// <paramref name="role"/> (created, or given that role, first).
    /// </summary>
    public async Task<IBrowserContext> SignedInAsync(Role role, string email, bool javaScript = true, ColorScheme colorScheme = ColorScheme.Light)
    {
        await App.EnsureUserAsync(email, role);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress,
            JavaScriptEnabled = javaScript,
            ColorScheme = colorScheme,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(AppOnLoopback.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        await page.CloseAsync();
        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
