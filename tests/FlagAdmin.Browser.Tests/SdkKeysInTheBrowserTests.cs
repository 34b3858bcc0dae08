using System.Net;
using System.Net.Http.Headers;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// SDK keys in Chromium on both stores: a new key's secret shown once in a dialog (it then reads flags over OFREP),
/// revoking it through the confirmation dialog with a reason (it stops at once), from the keyboard, axe in each state.
/// Each test works in a project of its own.
/// </summary>
public abstract class SdkKeysInTheBrowserTests(BrowserFixture fixture)
{
    private static int _projects;

    private async Task<string> SeedAsync()
    {
        var key = $"keys-{Interlocked.Increment(ref _projects)}";
        await fixture.App.Flags.CreateProjectAsync(new NewProject(key, "Keys") { Environments = EnvironmentTemplate.Standard }, AppOnLoopback.Seed);
        await fixture.App.Flags.CreateFlagAsync(new NewFlag { ProjectKey = key, Key = "checkout", Name = "Checkout" }, AppOnLoopback.Seed);
        return key;
    }

    [Fact]
    public async Task An_admin_creates_a_key_sees_its_secret_once_and_revokes_it_through_the_dialog()
    {
        var project = await SeedAsync();
        var problems = new PageProblems();
        await using var admin = await fixture.SignedInAsync(Role.Admin, "keys-admin@example.com");
        var page = await admin.OpenInteractiveAsync($"/projects/{project}/sdk-keys", problems);
        await Assertions.Expect(page.Locator(".sdk-keys-empty")).ToContainTextAsync("No SDK key yet");
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("checkout-service");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("it will not be shown again");
        var secret = await dialog.GetByLabel("Secret").InputValueAsync();
        Assert.StartsWith(SdkKeySecrets.SecretPrefix, secret);
        await page.AssertAccessibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "I have copied it" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.ContentAsync());
        Assert.NotEqual(HttpStatusCode.Unauthorized, await EvaluateAsync(secret));

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke checkout-service" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Revoke checkout-service?" });
        await Assertions.Expect(confirm).ToContainTextAsync("stop getting the flags of development at once");
        await page.AssertAccessibleAsync();
        await confirm.GetByLabel("Reason (optional)").FillAsync("Rotated");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();

        await Assertions.Expect(page.Locator(".sdk-key-revoked")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await EvaluateAsync(secret));
        Assert.Equal("keys-admin@example.com", (await fixture.App.Services.GetRequiredService<SdkKeyService>().ListAsync(project)).Single().RevokedBy);
        problems.AssertNone();
    }

    [Fact]
    public async Task A_key_is_created_and_revoked_from_the_keyboard_alone()
    {
        var project = await SeedAsync();
        await using var admin = await fixture.SignedInAsync(Role.Admin, "keys-admin@example.com");
        var page = await admin.OpenInteractiveAsync($"/projects/{project}/sdk-keys");

        await page.GetByLabel("Name", new() { Exact = true }).FocusAsync();
        await page.Keyboard.TypeAsync("keyboard-service");
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("it will not be shown again");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "I have copied it" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke keyboard-service" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Revoke keyboard-service?" });
        await Assertions.Expect(confirm).ToBeVisibleAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator(".sdk-key-revoked")).ToBeVisibleAsync();
        Assert.True((await fixture.App.Services.GetRequiredService<SdkKeyService>().ListAsync(project)).Single().IsRevoked);
    }

    private async Task<HttpStatusCode> EvaluateAsync(string secret)
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.App.BaseAddress) };
        var request = new HttpRequestMessage(HttpMethod.Post, "/ofrep/v1/evaluate/flags/checkout")
        {
            Content = new StringContent("""{"context":{"targetingKey":"user-1"}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return (await client.SendAsync(request)).StatusCode;
    }
}

[Collection(BrowserCollection.Name)]
public sealed class SdkKeysInTheBrowserOnMemoryTests(BrowserFixture fixture) : SdkKeysInTheBrowserTests(fixture);

[Collection(PostgresBrowserCollection.Name)]
public sealed class SdkKeysInTheBrowserOnPostgresTests(PostgresBrowserFixture fixture) : SdkKeysInTheBrowserTests(fixture);
