using System.Net;
using System.Text;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Transfer;
using FlagAdmin.Core.Users;
using FlagAdmin.Storage.Memory;
using FlagAdmin.Web.Components.Pages.Transfer;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Ui.Transfer;

/// <summary>The database goes away between the dry run and the apply: nothing is imported, the page says so and offers the dry run again.</summary>
public sealed class ImportStoreDownTests
{
    [Fact]
    public async Task An_apply_that_the_store_cannot_write_changes_nothing_and_offers_the_dry_run_again_without_a_new_upload()
    {
        var failing = new StoreGoingDown(nameof(IFlagRepository.InTransactionAsync));
        await using var site = new TestSite(FlagAdminFactory.Memory(), services =>
            services.AddSingleton<IFlagRepository>(provider => failing.Wrap(provider.GetRequiredService<MemoryFlagRepository>())));
        var flags = site.Flags;
        await site.CreateProjectAsync("shop", "Shop", false, ("staging", "Staging", false));
        var document = await site.Services.GetRequiredService<ProjectExporter>().ExportAsync("shop");
        document = document with { Environments = [.. document.Environments, new DocumentEnvironment("qa", "QA", 2)] };
        var client = site.Client(Role.Admin);
        var page = await HtmlPage.ParseAsync(await client.GetAsync("/projects/shop/transfer"));
        var report = await HtmlPage.ParseAsync(await MultipartPageForm.Of(page, "form.import-check", "/projects/shop/transfer")
            .Attach(ImportUpload.FileField, "shop.json", Encoding.UTF8.GetBytes(TransferJson.Write(document))).SubmitAsync(client));
        var audited = (await flags.HistoryAsync(new AuditQuery { ProjectKey = "shop" })).Items.Count;
        failing.Down = true;

        var response = await MultipartPageForm.Of(report, "form.import-apply", "/projects/shop/transfer").SubmitAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notApplied = await HtmlPage.ParseAsync(response);
        Assert.Contains("The database is unavailable — nothing was imported", notApplied.QuerySelector(".import-not-applied")!.TextContent);
        Assert.Null(notApplied.QuerySelector(".import-report"));
        Assert.DoesNotContain(await flags.ListEnvironmentsAsync("shop"), e => e.Key == "qa");
        Assert.Equal(audited, (await flags.HistoryAsync(new AuditQuery { ProjectKey = "shop" })).Items.Count);

        failing.Down = false;
        var again = await HtmlPage.ParseAsync(await MultipartPageForm.Of(notApplied, "form.import-recheck", "/projects/shop/transfer").SubmitAsync(client));
        Assert.Equal("true", again.QuerySelector(".import-report")!.GetAttribute("data-dry-run"));
        Assert.NotNull(again.QuerySelector("form.import-apply"));
    }
}
