using System.Text.RegularExpressions;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// Creating a flag in Chromium on both stores: a multivariate flag with typed variants (rows added and removed) by
/// mouse, a boolean one from the keyboard alone, field errors next to the fields, accessibility in each state; the
/// browser then shows the new flag's page. Each test works in a project of its own.
/// </summary>
public abstract class NewFlagInTheBrowserTests(BrowserFixture fixture)
{
    private static int _projects;

    private async Task<string> SeedAsync()
    {
        var key = $"new-flag-{Interlocked.Increment(ref _projects)}";
        await fixture.App.Flags.CreateProjectAsync(new NewProject(key, "Kitchen") { Environments = EnvironmentTemplate.Standard }, AppOnLoopback.Seed);
        return key;
    }

    [Fact]
    public async Task An_admin_creates_a_multivariate_flag_with_typed_variants_and_lands_on_its_page()
    {
        var project = await SeedAsync();
        var problems = new PageProblems();
        await using var admin = await fixture.SignedInAsync(Role.Admin, "flag-maker@example.com");
        var page = await admin.OpenInteractiveAsync($"/projects/{project}/flags/new", problems);
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Key", new() { Exact = true }).First.FillAsync("limits");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Limits");
        await page.GetByLabel("Multivariate: serves one of its variants").CheckAsync();
        await page.GetByLabel("Number", new() { Exact = true }).CheckAsync();
        var variants = page.Locator(".variant-row");
        await Assertions.Expect(variants).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a variant" }).ClickAsync();
        await Assertions.Expect(variants).ToHaveCountAsync(3);
        await page.AssertAccessibleAsync();
        await FillAsync(variants.Nth(0), "low", "10");
        await FillAsync(variants.Nth(1), "oops", "0");
        await FillAsync(variants.Nth(2), "high", "100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove variant 2" }).ClickAsync();
        await Assertions.Expect(variants).ToHaveCountAsync(2);
        await page.GetByLabel("Reason (optional, kept in the audit trail)").FillAsync("Plans differ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create flag" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/projects/{project}/flags/limits$"));
        var created = (await fixture.App.Flags.GetFlagAsync(project, "limits")).Flag;
        Assert.Equal((FlagKind.Multivariate, VariantType.Number, "flag-maker@example.com"), (created.Kind, created.VariantType, created.CreatedBy));
        Assert.Equal([new Variant("low", "10"), new Variant("high", "100")], created.Variants);
        problems.AssertNone();
    }

    [Fact]
    public async Task Bad_input_is_explained_next_to_the_fields_and_nothing_is_created()
    {
        var project = await SeedAsync();
        await using var admin = await fixture.SignedInAsync(Role.Admin, "flag-maker@example.com");
        var page = await admin.OpenInteractiveAsync($"/projects/{project}/flags/new");

        await page.GetByLabel("Key", new() { Exact = true }).First.FillAsync("Not A Key");
        await page.GetByLabel("Multivariate: serves one of its variants").CheckAsync();
        await page.GetByLabel("true or false").CheckAsync();
        await FillAsync(page.Locator(".variant-row").First, "yes", "maybe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create flag" }).ClickAsync();

        await Assertions.Expect(page.GetByText("Name is required.", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mud-input-helper-text.mud-input-error", new() { HasText = "may only contain" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#flag-variants-problem")).ToContainTextAsync("variant 'yes'");
        await Assertions.Expect(page.GetByLabel("Key", new() { Exact = true }).First).ToHaveValueAsync("Not A Key");
        await page.AssertAccessibleAsync();
        Assert.Equal(0, (await fixture.App.Flags.ListFlagsAsync(new FlagQuery { ProjectKey = project })).TotalCount);
    }

    [Fact]
    public async Task A_boolean_flag_is_created_from_the_keyboard_alone()
    {
        var project = await SeedAsync();
        await using var admin = await fixture.SignedInAsync(Role.Admin, "flag-maker@example.com");
        var page = await admin.OpenInteractiveAsync($"/projects/{project}/flags/new");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New flag in Kitchen", Level = 1 })).ToBeFocusedAsync();

        await page.GetByLabel("Key", new() { Exact = true }).First.FocusAsync();
        await page.Keyboard.TypeAsync("keyboard-flag");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Made by keyboard");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/projects/{project}/flags/keyboard-flag$"));
        var created = (await fixture.App.Flags.GetFlagAsync(project, "keyboard-flag")).Flag;
        Assert.Equal(("Made by keyboard", FlagKind.Boolean), (created.Name, created.Kind));
    }

    private static async Task FillAsync(ILocator row, string key, string value)
    {
        await row.GetByLabel("Key", new() { Exact = true }).FillAsync(key);
        await row.GetByLabel("Value", new() { Exact = true }).FillAsync(value);
    }
}

[Collection(BrowserCollection.Name)]
public sealed class NewFlagInTheBrowserOnMemoryTests(BrowserFixture fixture) : NewFlagInTheBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class NewFlagInTheBrowserOnPostgresTests(PostgresBrowserFixture fixture) : NewFlagInTheBrowserTests(fixture);
