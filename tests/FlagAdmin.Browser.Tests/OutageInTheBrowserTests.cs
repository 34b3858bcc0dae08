using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;
using FlagAdmin.Web.Auth;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// An open circuit while PostgreSQL is really stopped: a write says it was not saved and keeps what was typed, every
/// interactive page the user moves to shows that the database is unavailable (never a circuit error), the circuit's
/// sign-in re-check does not sign the user out, and once the database is back the same circuit carries on.
/// </summary>
[Collection(OutageBrowserCollection.Name)]
public sealed class OutageInTheBrowserTests(OutageBrowserFixture fixture)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task An_open_circuit_says_the_database_is_unavailable_stays_signed_in_and_carries_on_once_it_is_back()
    {
        var problems = new PageProblems();
        await using var admin = await fixture.SignedInAsync(Role.Admin, "outage-admin@example.com");
        var page = await admin.OpenInteractiveAsync("/projects", problems);
        var unavailable = page.GetByRole(AriaRole.Heading, new() { Name = "The database is unavailable" });

        await fixture.Postgres.StopAsync();
        try
        {
            await page.GetByLabel("Key", new() { Exact = true }).FillAsync("outage");
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Outage");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();
            await Assertions.Expect(page.Locator(".store-down")).ToContainTextAsync("your change was not saved", new() { Timeout = 15_000 });
            await Assertions.Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Outage");
            await page.AssertAccessibleAsync();

            await Home(page).ClickAsync();
            await Assertions.Expect(unavailable).ToBeVisibleAsync(Soon);
            await Assertions.Expect(page.Locator(".status-explanation")).ToContainTextAsync("cannot reach its database");
            // The failed save's snackbar is judged above; axe would catch it fading out here.
            await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
            await page.AssertAccessibleAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = "Projects", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/projects");
            await Assertions.Expect(unavailable).ToBeVisibleAsync(Soon);

            // The circuit's sign-in is re-checked against the store meanwhile; it must not sign the user out.
            await Task.Delay(CircuitSignIn.Interval * 2);
            await Assertions.Expect(page.Locator("[data-interactive]")).ToHaveAttributeAsync("data-interactive", "true");
            await Assertions.Expect(page.Locator(".user-name")).ToHaveTextAsync("outage-admin@example.com");
        }
        finally
        {
            await fixture.Postgres.StartAsync();
        }

        // The home page reads the projects in this circuit again and moves on to the first one's flags.
        await Home(page).ClickAsync();
        await page.WaitForURLAsync("**/projects/shop/flags", new() { Timeout = 15_000 });
        Assert.DoesNotContain(await fixture.App.Flags.ListProjectsAsync(), p => p.Key == "outage");
        problems.AssertNone();
    }

    private static ILocator Home(IPage page) => page.GetByRole(AriaRole.Link, new() { Name = "FlagAdmin", Exact = true });
}

/// <summary>The browser tests' app on a PostgreSQL server of its own that the tests stop and start.</summary>
public sealed class OutageBrowserFixture : BrowserFixture
{
    public StoppablePostgres Postgres { get; } = new();

    protected override async Task<IReadOnlyDictionary<string, string?>> StoreSettingsAsync()
    {
        await Postgres.InitializeAsync();
        return new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Postgres",
            ["ConnectionStrings:FlagAdmin"] = await Postgres.Server.CreateDatabaseAsync(),
        };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class OutageBrowserCollection : ICollectionFixture<OutageBrowserFixture>
{
    public const string Name = "Browser on a PostgreSQL that stops";
}
