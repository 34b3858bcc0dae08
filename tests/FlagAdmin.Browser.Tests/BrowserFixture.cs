using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// One app and one Debian Chromium for the browser tests of one store (memory here; <see cref="PostgresBrowserFixture"/>).
/// A missing browser fails the tests (CI installs it: .ci/install-prerequisites); Playwright's own browser download is
/// never used.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public AppOnLoopback App { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The settings that pick the app's store.</summary>
    protected virtual Task<IReadOnlyDictionary<string, string?>> StoreSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?> { ["Store:Provider"] = "Memory" });

    /// <summary>
    /// Settings of a store of its own that outlives the app (a data file; a database), for a test that restarts the app
    /// with <see cref="AppOnLoopback"/> instances of its own.
    /// </summary>
    public virtual Task<IReadOnlyDictionary<string, string?>> DurableStoreSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Memory",
            ["Store:Memory:DataFile"] = Path.Combine(Path.GetTempPath(), $"flagadmin-browser-{Guid.NewGuid():N}.journal"),
        });

    public virtual async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run .ci/install-prerequisites (apt-get install -y chromium).");
        }
        // Expectations wait for what must happen eventually; on a loaded 2-core machine a save on PostgreSQL can take
        // longer than Playwright's default 5 s, which would fail a correct page.
        Assertions.SetDefaultExpectTimeout(15_000);
        App = new AppOnLoopback(await StoreSettingsAsync());
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
    public async Task<IBrowserContext> SignedInAsync(Role role, string email, bool javaScript = true, ColorScheme colorScheme = ColorScheme.Light, AppOnLoopback? app = null)
    {
        app ??= App;
        await app.EnsureUserAsync(email, role);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress,
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

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>The browser tests' app on a PostgreSQL database of its own (a throwaway cluster the fixture starts).</summary>
public sealed class PostgresBrowserFixture : BrowserFixture
{
    private readonly PostgresFixture _postgres = new();

    /// <summary>The app's database, for tests that make PostgreSQL misbehave (<see cref="ProvokedFailures"/>).</summary>
    public string ConnectionString { get; private set; } = "";

    protected override async Task<IReadOnlyDictionary<string, string?>> StoreSettingsAsync()
    {
        await _postgres.InitializeAsync();
        ConnectionString = await _postgres.CreateDatabaseAsync();
        return new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Postgres",
            ["ConnectionStrings:FlagAdmin"] = ConnectionString,
        };
    }

    public override async Task<IReadOnlyDictionary<string, string?>> DurableStoreSettingsAsync() =>
        new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Postgres",
            ["ConnectionStrings:FlagAdmin"] = await _postgres.CreateDatabaseAsync(),
        };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresBrowserCollection : ICollectionFixture<PostgresBrowserFixture>
{
    public const string Name = "Browser on PostgreSQL";
}
