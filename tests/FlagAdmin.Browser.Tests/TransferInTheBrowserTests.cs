using System.Text;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Transfer;
using FlagAdmin.Core.Users;
using Microsoft.Playwright;

namespace FlagAdmin.Browser.Tests;

/// <summary>
/// Import / export in Chromium: the download is the project's document, and a chosen file goes through the dry run
/// to the apply without being chosen again. In a project of its own ("moving"), so the shared "shop" stays as it is.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TransferInTheBrowserTests(BrowserFixture fixture)
{
    private const string Project = "moving";

    [Fact]
    public async Task An_admin_downloads_the_project_then_imports_a_changed_file_after_its_dry_run()
    {
        var flags = fixture.App.Flags;
        await flags.CreateProjectAsync(new NewProject(Project, "Moving"), AppOnLoopback.Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment(Project, "staging", "Staging", 1), AppOnLoopback.Seed);
        await flags.CreateFlagAsync(new NewFlag { ProjectKey = Project, Key = "banner", Name = "Banner" }, AppOnLoopback.Seed);
        await using var admin = await fixture.SignedInAsync(Role.Admin, "mover@example.com");
        var page = await admin.NewPageAsync();
        await page.GotoAsync($"/projects/{Project}/settings");
        await page.GetByRole(AriaRole.Link, new() { Name = "Import or export this project" }).ClickAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download JSON" }).ClickAsync());
        var file = Path.Combine(Directory.CreateTempSubdirectory("flagadmin-transfer").FullName, download.SuggestedFilename);
        await download.SaveAsAsync(file);
        var exported = TransferJson.Read(await File.ReadAllBytesAsync(file));
        Assert.Matches($"^{Project}-\\d{{8}}T\\d{{6}}Z\\.json$", download.SuggestedFilename);
        Assert.Equal("banner", Assert.Single(exported.Flags).Key);

        var banner = exported.Flags.Single();
        var changed = exported with
        {
            Flags = [banner with { Environments = new Dictionary<string, DocumentState> { ["staging"] = banner.Environments["staging"] with { Enabled = true, RolloutBasisPoints = 1250 } } }],
        };
        await File.WriteAllTextAsync(file, TransferJson.Write(changed), new UTF8Encoding(false));
        await page.GetByLabel("Exported file").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check what it would change (dry run)" }).ClickAsync();
        await Assertions.Expect(page.Locator(".import-report-summary")).ToContainTextAsync("would make 1 change");
        Assert.False((await flags.GetFlagAsync(Project, "banner")).StateIn("staging")!.Enabled);

        await page.GetByLabel("Reason").FillAsync("Rollout copied from the plan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply import" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Import applied");

        var staging = (await flags.GetFlagAsync(Project, "banner")).StateIn("staging")!;
        Assert.Equal((true, 1250, "mover@example.com"), (staging.Enabled, staging.RolloutBasisPoints, staging.UpdatedBy));
    }

    [Fact]
    public async Task A_file_larger_than_the_servers_usual_body_limit_is_explained_next_to_the_field()
    {
        // Kestrel refuses bodies over 30 MB unless the endpoint allows more; the page allows twice the import limit so it can say why.
        var file = Path.Combine(Directory.CreateTempSubdirectory("flagadmin-transfer").FullName, "huge.json");
        await File.WriteAllBytesAsync(file, new byte[31 * 1024 * 1024]);
        await using var admin = await fixture.SignedInAsync(Role.Admin, "mover@example.com");
        var page = await admin.NewPageAsync();
        await page.GotoAsync("/projects/shop/transfer");

        await page.GetByLabel("Exported file").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check what it would change (dry run)" }).ClickAsync();

        await Assertions.Expect(page.Locator("#import-file-problem")).ToContainTextAsync("The file is 31 MB; an import takes at most 16 MB.");
    }

    [Fact]
    public async Task A_file_past_what_the_server_reads_is_answered_413_saying_so()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("flagadmin-transfer").FullName, "huge.json");
        await File.WriteAllBytesAsync(file, new byte[40 * 1024 * 1024]);
        await using var admin = await fixture.SignedInAsync(Role.Admin, "mover@example.com");
        var page = await admin.NewPageAsync();
        await page.GotoAsync("/projects/shop/transfer");

        await page.GetByLabel("Exported file").SetInputFilesAsync(file);
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Check what it would change (dry run)" }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.Equal(413, response.Status);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("larger than FlagAdmin accepts (an import file may be at most 16 MB)");
    }
}
