using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// What an interactive page says when PostgreSQL itself fails a save (provoked by a trigger on the audit rows): a change
/// that keeps colliding with concurrent transactions, or any other database error, is explained above the form in a
/// sentence, what was typed stays, and nothing is stored.
/// </summary>
[Collection(PostgresBrowserCollection.Name)]
public sealed class StoreErrorsInTheBrowserOnPostgresTests(PostgresBrowserFixture fixture)
{
    [Theory]
    [InlineData("40001", "collided with other changes made at the same moment")]
    [InlineData("P0001", "The database refused the request (error P0001)")]
    public async Task A_project_the_database_refuses_is_explained_above_the_form_and_nothing_is_stored(string sqlState, string explained)
    {
        var key = $"refused-{sqlState.ToLowerInvariant()}";
        await using var admin = await fixture.SignedInAsync(Role.Admin, "store-errors-admin@example.com");
        var page = await admin.OpenInteractiveAsync("/projects");
        await ProvokedFailures.RaiseOnAuditAsync(fixture.ConnectionString, sqlState);
        try
        {
            await page.GetByLabel("Key", new() { Exact = true }).FillAsync(key);
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Refused");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();

            await Assertions.Expect(page.Locator(".form-problem", new() { HasText = explained })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByLabel("Key", new() { Exact = true })).ToHaveValueAsync(key);
        }
        finally
        {
            await ProvokedFailures.StopAsync(fixture.ConnectionString);
        }
        Assert.DoesNotContain(await fixture.App.Flags.ListProjectsAsync(), p => p.Key == key);
    }
}
