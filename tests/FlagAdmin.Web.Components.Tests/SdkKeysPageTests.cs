using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Components.Pages.SdkKeys;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Components.Tests;

/// <summary>
/// A project's SDK keys: a new key's secret shown once in a dialog (never in the page, never again), field errors with
/// the form as typed, revoking after a confirmation dialog with a reason (cancel changes nothing, someone else's
/// revoke first is said), a refusal, and the empty states.
/// </summary>
public sealed class SdkKeysPageTests : AdminUi
{
    private SdkKeyService Keys => Ui.Services.GetRequiredService<SdkKeyService>();

    private IRenderedComponent<Providers> Open(string project = "shop") => Render(builder =>
    {
        builder.OpenComponent<SdkKeysPage>(0);
        builder.AddAttribute(1, nameof(SdkKeysPage.ProjectKey), project);
        builder.CloseComponent();
    });

    private async Task<IRenderedComponent<Providers>> OpenAsAdminAsync()
    {
        await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        page.WaitForElement("form.sdk-key-create");
        return page;
    }

    [Fact]
    public async Task A_new_keys_secret_is_shown_once_in_a_dialog_and_the_list_shows_only_its_prefix()
    {
        var page = await OpenAsAdminAsync();
        Assert.Contains("No SDK key yet", page.Find(".sdk-keys-empty").TextContent);

        page.Find("#sdk-key-name").Change("checkout-service");
        page.Find("#sdk-key-reason").Change("Launch");
        // The save waits until the dialog with the secret is closed.
        var creating = page.Find("form.sdk-key-create").SubmitAsync();

        page.WaitForElement(".sdk-key-created");
        var secret = page.Find("#sdk-key-secret").GetAttribute("value")!;
        Assert.StartsWith(SdkKeySecrets.SecretPrefix, secret);
        Assert.Contains("will not be shown again", page.Find(".sdk-key-created").TextContent);
        var key = Assert.Single(await Keys.ListAsync("shop"));
        Assert.Equal(("checkout-service", "development", "admin@example.com"), (key.Name, key.EnvironmentKey, key.CreatedBy));
        Assert.Equal(SdkKeySecrets.Hash(secret), key.SecretHash);
        var entry = (await Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", Action = AuditAction.SdkKeyCreated })).Items.Single();
        Assert.Equal("Launch", entry.Reason);

        page.Button("I have copied it").Click();
        await creating;

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".sdk-key-created")));
        Assert.DoesNotContain(secret, page.Markup);
        Assert.Contains(key.Prefix, page.Find($"tr.sdk-key-row[data-id='{key.Id}']").TextContent);
        Assert.Equal("", page.Find("#sdk-key-name").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task A_key_without_a_name_is_explained_next_to_it_and_not_created()
    {
        var page = await OpenAsAdminAsync();
        page.Find("#sdk-key-name").Change("  ");
        page.Find("#sdk-key-reason").Change("why not");

        await page.Find("form.sdk-key-create").SubmitAsync();

        page.WaitForAssertion(() => Assert.Equal("Key name is required.", page.Find(".mud-input-control.mud-input-error .mud-input-helper-text").TextContent.Trim()));
        Assert.Equal("why not", page.Find("#sdk-key-reason").GetAttribute("value"));
        Assert.Empty(page.FindAll(".sdk-key-created"));
        Assert.Empty(await Keys.ListAsync("shop"));
    }

    [Fact]
    public async Task Revoking_asks_in_a_dialog_with_a_reason_and_then_marks_the_key_revoked()
    {
        var created = await Keys.CreateAsync(new NewSdkKey("shop", "staging", "old-service"), Seed);
        var page = await OpenAsAdminAsync();

        page.Find("button[aria-label='Revoke old-service']").Click();
        page.WaitForElement(".mud-dialog");
        Assert.Contains("stop getting the flags of staging at once", page.Find(".mud-dialog").TextContent);
        page.Find(".mud-dialog textarea, .mud-dialog input").Change("Leaked in a log");
        page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Revoke").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"tr[data-id='{created.Key.Id}'] .sdk-key-revoked")));
        Assert.Contains("SDK key “old-service” revoked; it no longer reads any flag.", page.Snackbars());
        var key = (await Keys.ListAsync("shop")).Single();
        Assert.Equal("admin@example.com", key.RevokedBy);
        var entry = (await Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", Action = AuditAction.SdkKeyRevoked })).Items.Single();
        Assert.Equal("Leaked in a log", entry.Reason);
        Assert.Empty(page.FindAll($"tr[data-id='{created.Key.Id}'] button"));
    }

    [Fact]
    public async Task Cancelling_the_revoke_dialog_changes_nothing()
    {
        await Keys.CreateAsync(new NewSdkKey("shop", "staging", "old-service"), Seed);
        var page = await OpenAsAdminAsync();

        page.Find("button[aria-label='Revoke old-service']").Click();
        page.WaitForElement(".mud-dialog");
        page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")));
        Assert.False((await Keys.ListAsync("shop")).Single().IsRevoked);
        Assert.NotNull(page.Find("button[aria-label='Revoke old-service']"));
    }

    [Fact]
    public async Task A_key_revoked_by_someone_else_meanwhile_is_said_and_shown_as_revoked_by_them()
    {
        var created = await Keys.CreateAsync(new NewSdkKey("shop", "staging", "old-service"), Seed);
        var page = await OpenAsAdminAsync();
        await Keys.RevokeAsync("shop", created.Key.Id, created.Key.Version, new ChangeContext("eve@example.com", Role: Role.Admin));

        page.Find("button[aria-label='Revoke old-service']").Click();
        page.WaitForElement(".mud-dialog");
        page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Revoke").Click();

        page.WaitForAssertion(() => Assert.Contains(page.Snackbars(), s => s.StartsWith("Not revoked: someone changed “old-service”", StringComparison.Ordinal)));
        page.WaitForAssertion(() => Assert.Contains("by eve@example.com", page.Find($"tr[data-id='{created.Key.Id}']").TextContent));
        Assert.Equal("eve@example.com", (await Keys.ListAsync("shop")).Single().RevokedBy);
    }

    [Fact]
    public async Task An_admin_demoted_since_the_page_opened_is_refused_and_no_key_is_made()
    {
        var admin = await SignInAsync(Role.Admin, "admin@example.com");
        var page = Open();
        page.WaitForElement("form.sdk-key-create");
        page.Find("#sdk-key-name").Change("checkout-service");
        await ChangeStoredUserAsync(admin, role: Role.Viewer);

        await page.Find("form.sdk-key-create").SubmitAsync();

        page.WaitForAssertion(() => Assert.Single(page.Snackbars(), s => s.StartsWith("Not saved: Creating an SDK key needs the Admin role", StringComparison.Ordinal)));
        Assert.Empty(page.FindAll(".sdk-key-created"));
        Assert.Empty(await Keys.ListAsync("shop"));
        Assert.Equal("checkout-service", page.Find("#sdk-key-name").GetAttribute("value"));
    }

    [Fact]
    public async Task A_project_without_environments_says_to_add_one_in_the_settings_first()
    {
        await Flags.CreateProjectAsync(new NewProject("bare", "Bare"), Seed);
        await SignInAsync(Role.Admin, "admin@example.com");

        var page = Open("bare");

        page.WaitForAssertion(() => Assert.Equal("/projects/bare/settings", page.Find(".sdk-keys-no-environment a").GetAttribute("href")));
        Assert.Empty(page.FindAll("form.sdk-key-create"));
    }
}
