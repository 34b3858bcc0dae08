using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Transfer;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;
using FlagAdmin.Web.Api.Transfer;
using FlagAdmin.Web.Components.Pages.Transfer;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Ui.Transfer;

/// <summary>
/// The Import / export page on a store picked by the subclass: the download is the exporter's document, an import
/// is a dry run first (nothing written) and then an apply that writes and audits as the signed-in admin; bad files
/// are explained and change nothing; only admins import.
/// </summary>
public abstract partial class TransferPageTests : IAsyncLifetime
{
    private const string PagePath = "/projects/shop/transfer";

    private TestSite _site = default!;

    protected abstract Task<FlagAdminFactory> CreateFactoryAsync();

    private FlagService Flags => _site.Flags;
    private ProjectExporter Exporter => _site.Services.GetRequiredService<ProjectExporter>();

    public async Task InitializeAsync()
    {
        _site = new TestSite(await CreateFactoryAsync());
        await _site.CreateProjectAsync("shop", "Shop", false, ("staging", "Staging", false), ("production", "Production", true));
        await Flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "checkout", Name = "Checkout", Tags = new ValueList<string>(["cart"]) }, TestSite.Seed);
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private HttpClient Client(Role role) => _site.Client(role);

    private static async Task<IDocument> PageAsync(HttpClient client, string path = PagePath)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlPage.ParseAsync(response);
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Admin)]
    public async Task The_download_is_the_exporters_document_as_a_dated_attachment(Role role)
    {
        var page = await PageAsync(Client(role));
        var href = page.QuerySelector("a.transfer-export")!.GetAttribute("href")!;

        var response = await Client(role).GetAsync(href);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Matches(FileName(), disposition.FileName!.Trim('"'));
        var body = await response.Content.ReadAsByteArrayAsync();
        var downloaded = TransferJson.Read(body);
        Assert.Equal(ExportDownload.FileName("shop", downloaded.ExportedAt!.Value), disposition.FileName!.Trim('"'));
        var exported = await Exporter.ExportAsync("shop");
        Assert.Equal(TransferJson.Write(exported with { ExportedAt = downloaded.ExportedAt }), Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task The_page_and_download_of_an_unknown_project_are_not_found_and_signed_out_users_are_sent_to_sign_in()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client(Role.Viewer).GetAsync("/projects/nowhere/transfer/export")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client(Role.Admin).GetAsync("/projects/nowhere/transfer")).StatusCode);
        var signedOut = await _site.SignedOutClient().GetAsync("/projects/shop/transfer/export");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/signin", signedOut.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Editor)]
    public async Task Every_role_may_export_but_below_admin_the_import_is_disabled_with_the_reason(Role role)
    {
        var page = await PageAsync(Client(role));

        Assert.NotNull(page.QuerySelector("nav a[href='/projects/shop/transfer'][aria-current=page]"));
        Assert.NotNull(page.QuerySelector("a.transfer-export"));
        Assert.Contains("Only admins can import", page.QuerySelector("#import-why")!.TextContent);
        Assert.NotNull(page.QuerySelector("form.import-check fieldset[disabled]"));
        var admin = await PageAsync(Client(Role.Admin));
        Assert.Null(admin.QuerySelector("form.import-check fieldset[disabled]"));
        Assert.Equal("multipart/form-data", admin.QuerySelector("form.import-check")!.GetAttribute("enctype"));
        Assert.Equal("shop", admin.QuerySelector("#import-target option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_settings_page_links_to_import_and_export()
    {
        var settings = await PageAsync(Client(Role.Admin), "/projects/shop/settings");

        Assert.NotNull(settings.QuerySelector("a.transfer-link[href='/projects/shop/transfer']"));
    }

    [Fact]
    public async Task A_dry_run_shows_what_would_change_per_environment_and_flag_and_changes_nothing()
    {
        var client = Client(Role.Admin);
        var document = await ChangedDocumentAsync();
        var before = await AuditCountAsync();

        var report = await DryRunAsync(client, document);

        Assert.Equal("true", report.QuerySelector(".import-report")!.GetAttribute("data-dry-run"));
        Assert.Equal("3", report.QuerySelector(".import-report")!.GetAttribute("data-writes"));
        Assert.Contains("would make 3 changes", report.QuerySelector(".import-report-summary")!.TextContent);
        Assert.Equal("created", Outcome(report, ".import-environments li[data-key=qa]"));
        Assert.Equal("unchanged", Outcome(report, ".import-environments li[data-key=staging]"));
        Assert.NotNull(report.QuerySelector(".import-environments li[data-key=production] .bi-shield-lock"));
        Assert.Equal("created", Outcome(report, ".import-flags-changed tr[data-key=search]"));
        Assert.Equal("unchanged", Outcome(report, ".import-flags-changed tr[data-key=checkout]"));
        Assert.Equal("changed", Outcome(report, ".import-flags-changed tr[data-key=checkout] td[data-environment=production]"));
        Assert.Equal("unchanged", Outcome(report, ".import-flags-changed tr[data-key=checkout] td[data-environment=staging]"));
        Assert.Equal("1", report.QuerySelector(".import-count-environments .import-created")!.TextContent);
        Assert.Equal("1", report.QuerySelector(".import-count-flags .import-created")!.TextContent);
        Assert.Contains("Import of project 'shop' exported", report.QuerySelector("#import-reason-help")!.TextContent);

        Assert.Equal(before, await AuditCountAsync());
        Assert.False((await Flags.GetFlagAsync("shop", "checkout")).StateIn("production")!.Enabled);
        Assert.DoesNotContain(await Flags.ListEnvironmentsAsync("shop"), e => e.Key == "qa");
        await Assert.ThrowsAsync<FlagAdmin.Core.Errors.NotFoundException>(() => Flags.GetFlagAsync("shop", "search"));
    }

    [Fact]
    public async Task Applying_the_dry_run_imports_the_same_document_and_audits_each_change_as_the_admin()
    {
        var client = Client(Role.Admin);
        var report = await DryRunAsync(client, await ChangedDocumentAsync());
        var before = await AuditCountAsync();

        Assert.Contains("production", report.QuerySelector("label[for=import-confirmed]")!.TextContent);
        var apply = MultipartPageForm.Of(report, "form.import-apply", PagePath).Set("reason", "Copy of the launch setup").Set("confirmed", "true");
        Assert.Equal("shop", apply.Get("target"));
        var applied = await HtmlPage.ParseAsync(await apply.SubmitAsync(client));

        Assert.Equal("false", applied.QuerySelector(".import-report")!.GetAttribute("data-dry-run"));
        Assert.Contains("Import applied", applied.QuerySelector(".alert-success")!.TextContent);
        Assert.Null(applied.QuerySelector("form.import-apply"));
        var production = (await Flags.GetFlagAsync("shop", "checkout")).StateIn("production")!;
        Assert.Equal((true, 2500), (production.Enabled, production.RolloutBasisPoints));
        Assert.Equal("Search", (await Flags.GetFlagAsync("shop", "search")).Flag.Name);
        Assert.Contains(await Flags.ListEnvironmentsAsync("shop"), e => e.Key == "qa");
        var entries = (await Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", Limit = AuditQuery.MaxLimit })).Items.Take(await AuditCountAsync() - before).ToList();
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal(("admin@example.com", "Copy of the launch setup"), (e.Actor, e.Reason)));
    }

    [Fact]
    public async Task An_apply_after_someone_changed_the_project_since_the_dry_run_writes_nothing_and_shows_what_the_import_would_do_now()
    {
        var client = Client(Role.Admin);
        var report = await DryRunAsync(client, await ChangedDocumentAsync());
        var checkout = await Flags.GetFlagAsync("shop", "checkout");
        await Flags.SetRolloutAsync("shop", "checkout", "staging", 1000, checkout.StateIn("staging")!.Version, TestSite.Seed);
        var before = await AuditCountAsync();

        var result = await HtmlPage.ParseAsync(await MultipartPageForm.Of(report, "form.import-apply", PagePath).Set("confirmed", "true").SubmitAsync(client));

        Assert.Contains("changed since your dry run", result.QuerySelector(".import-plan-changed")!.TextContent);
        Assert.Equal("true", result.QuerySelector(".import-report")!.GetAttribute("data-dry-run"));
        Assert.Equal("changed", Outcome(result, ".import-flags-changed tr[data-key=checkout] td[data-environment=staging]"));
        Assert.NotEqual(report.QuerySelector("form.import-apply input[name=plan]")!.GetAttribute("value"), result.QuerySelector("form.import-apply input[name=plan]")!.GetAttribute("value"));
        Assert.Equal(before, await AuditCountAsync());
        Assert.Equal(1000, (await Flags.GetFlagAsync("shop", "checkout")).StateIn("staging")!.RolloutBasisPoints);

        var applied = await HtmlPage.ParseAsync(await MultipartPageForm.Of(result, "form.import-apply", PagePath).Set("confirmed", "true").SubmitAsync(client));

        Assert.Equal("false", applied.QuerySelector(".import-report")!.GetAttribute("data-dry-run"));
        Assert.Equal(10_000, (await Flags.GetFlagAsync("shop", "checkout")).StateIn("staging")!.RolloutBasisPoints);
    }

    [Fact]
    public async Task An_apply_that_changes_a_protected_environment_without_the_confirmation_asks_for_it_and_changes_nothing()
    {
        var client = Client(Role.Admin);
        var report = await DryRunAsync(client, await ChangedDocumentAsync());
        var before = await AuditCountAsync();

        var result = await HtmlPage.ParseAsync(await MultipartPageForm.Of(report, "form.import-apply", PagePath).SubmitAsync(client));

        Assert.Contains("to confirm", result.QuerySelector("#import-confirmed-problem")!.TextContent);
        Assert.Equal("true", result.QuerySelector(".import-report")!.GetAttribute("data-dry-run"));
        Assert.NotNull(result.QuerySelector("form.import-apply"));
        Assert.Equal(before, await AuditCountAsync());
        Assert.False((await Flags.GetFlagAsync("shop", "checkout")).StateIn("production")!.Enabled);
    }

    [Fact]
    public async Task An_import_without_a_reason_is_audited_with_the_default_reason_into_a_new_project()
    {
        var client = Client(Role.Admin);
        var page = await PageAsync(client);
        var check = MultipartPageForm.Of(page, "form.import-check", PagePath).Set("newTarget", "shop-copy")
            .Attach(ImportUpload.FileField, "shop.json", Encoding.UTF8.GetBytes(TransferJson.Write(await Exporter.ExportAsync("shop"))));
        var report = await HtmlPage.ParseAsync(await check.SubmitAsync(client));
        Assert.Equal("1", report.QuerySelector(".import-count-project .import-created")!.TextContent);

        await MultipartPageForm.Of(report, "form.import-apply", PagePath).Set("confirmed", "true").SubmitAsync(client);

        Assert.Equal("checkout", Assert.Single((await Flags.ListFlagsAsync(new FlagQuery { ProjectKey = "shop-copy" })).Items).Flag.Key);
        var entries = (await Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop-copy", Limit = AuditQuery.MaxLimit })).Items;
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.StartsWith("Import of project 'shop' exported", e.Reason));
    }

    [Fact]
    public async Task A_document_larger_than_the_usual_form_limits_goes_from_the_dry_run_to_the_apply_unchanged()
    {
        var client = Client(Role.Admin);
        var padded = TransferJson.Write(await ChangedDocumentAsync()) + new string(' ', 6 * 1024 * 1024);
        var page = await PageAsync(client);
        var report = await HtmlPage.ParseAsync(await MultipartPageForm.Of(page, "form.import-check", PagePath)
            .Attach(ImportUpload.FileField, "shop.json", Encoding.UTF8.GetBytes(padded)).SubmitAsync(client));
        var apply = MultipartPageForm.Of(report, "form.import-apply", PagePath).Set("confirmed", "true");
        Assert.Equal(padded, apply.Get(ImportUpload.TextField));

        var applied = await HtmlPage.ParseAsync(await apply.SubmitAsync(client));

        Assert.Equal("false", applied.QuerySelector(".import-report")!.GetAttribute("data-dry-run"));
        Assert.True((await Flags.GetFlagAsync("shop", "checkout")).StateIn("production")!.Enabled);
    }

    [Fact]
    public async Task A_file_of_exactly_the_largest_size_still_applies_when_the_browser_sends_its_line_breaks_back_as_crlf()
    {
        var client = Client(Role.Admin);
        var json = TransferJson.Write(await ChangedDocumentAsync()).Replace("\r\n", "\n", StringComparison.Ordinal);
        var padded = json + new string('\n', (int)TransferEndpoints.MaxImportBytes - Encoding.UTF8.GetByteCount(json));
        var page = await PageAsync(client);
        var report = await HtmlPage.ParseAsync(await MultipartPageForm.Of(page, "form.import-check", PagePath)
            .Attach(ImportUpload.FileField, "shop.json", Encoding.UTF8.GetBytes(padded)).SubmitAsync(client));

        var applied = await HtmlPage.ParseAsync(await MultipartPageForm.Of(report, "form.import-apply", PagePath)
            .Set(ImportUpload.TextField, padded.Replace("\n", "\r\n", StringComparison.Ordinal)).Set("confirmed", "true").SubmitAsync(client));

        Assert.Null(applied.QuerySelector("#import-file-problem"));
        Assert.Equal("false", applied.QuerySelector(".import-report")!.GetAttribute("data-dry-run"));
        Assert.True((await Flags.GetFlagAsync("shop", "checkout")).StateIn("production")!.Enabled);
    }

    /// <summary>Each bad file by name (the bytes are made in the test: theory data is shown and kept by the runner).</summary>
    private static (byte[] File, string Explained) BadFile(string what) => what switch
    {
        "not JSON" => (Encoding.UTF8.GetBytes("flags: checkout"), "not valid JSON"),
        "empty" => ([], "empty"),
        "JSON of something else" => (Encoding.UTF8.GetBytes("""{"formatVersion":1,"flags":[]}"""), "not a FlagAdmin export"),
        "a wrong type" => (Encoding.UTF8.GetBytes("""{"formatVersion":1,"project":{"key":"shop","name":"Shop"},"environments":[],"flags":[{"key":"a","name":"A","archived":"yes"}]}"""), "flags[0].archived"),
        "not text" => ([0xff, 0xfe, 0x00, 0x7b], "not text"),
        "too large" => (new byte[TransferEndpoints.MaxImportBytes + 1], "an import takes at most 16 MB"),
        _ => throw new ArgumentOutOfRangeException(nameof(what)),
    };

    [Theory]
    [InlineData("not JSON")]
    [InlineData("empty")]
    [InlineData("JSON of something else")]
    [InlineData("a wrong type")]
    [InlineData("not text")]
    [InlineData("too large")]
    public async Task A_bad_file_is_explained_next_to_the_field_and_changes_nothing(string what)
    {
        var (file, explained) = BadFile(what);
        var client = Client(Role.Admin);
        var page = await PageAsync(client);
        var before = await AuditCountAsync();

        var response = await MultipartPageForm.Of(page, "form.import-check", PagePath).Attach(ImportUpload.FileField, "shop.json", file).SubmitAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await HtmlPage.ParseAsync(response);
        Assert.Contains(explained, result.QuerySelector("#import-file-problem")!.TextContent);
        Assert.Contains("is-invalid", result.QuerySelector("#import-file")!.ClassName);
        Assert.Null(result.QuerySelector(".import-report"));
        Assert.Equal(before, await AuditCountAsync());
    }

    [Fact]
    public async Task A_body_beyond_what_the_server_reads_is_answered_with_a_page_saying_it_is_too_large()
    {
        // Kestrel answers 413 past ImportFormLimitsAttribute.MaxBodyBytes (the test server has no such limit); this is the page it re-executes.
        var page = await HtmlPage.ParseAsync(await Client(Role.Admin).GetAsync("/error/413"));

        Assert.Equal("Too large", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("at most 16 MB", page.Body!.TextContent);
    }

    [Fact]
    public async Task Checking_without_a_file_asks_for_one()
    {
        var client = Client(Role.Admin);
        var page = await PageAsync(client);

        var result = await HtmlPage.ParseAsync(await MultipartPageForm.Of(page, "form.import-check", PagePath).SubmitAsync(client));

        Assert.Contains("Choose the JSON file", result.QuerySelector("#import-file-problem")!.TextContent);
    }

    [Fact]
    public async Task Invalid_values_are_listed_by_flag_and_field_and_nothing_is_written()
    {
        var client = Client(Role.Admin);
        var exported = await Exporter.ExportAsync("shop");
        var checkout = exported.Flags.Single();
        var broken = checkout with
        {
            Environments = new Dictionary<string, DocumentState>(checkout.Environments)
            {
                ["production"] = checkout.Environments["production"] with { RolloutBasisPoints = 20000 },
                ["nowhere"] = checkout.Environments["production"],
            },
        };
        var fine = checkout with { Key = "search", Name = "Search" };
        var before = await AuditCountAsync();

        var result = await DryRunAsync(client, exported with { Flags = [broken, fine] });

        var problems = result.QuerySelectorAll(".import-problem").ToList();
        Assert.Contains(problems, p => p.GetAttribute("data-path")!.StartsWith("flags[0].environments.production.", StringComparison.Ordinal)
            && p.TextContent.Contains("Flag “checkout” (1st in the file) › environment production", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.TextContent.Contains("nowhere", StringComparison.Ordinal));
        Assert.Contains("Nothing was changed", result.QuerySelector(".import-problems")!.TextContent);
        Assert.Null(result.QuerySelector("form.import-apply"));
        Assert.Equal(before, await AuditCountAsync());
        Assert.Single((await Flags.ListFlagsAsync(new FlagQuery { ProjectKey = "shop" })).Items);
    }

    [Fact]
    public async Task A_target_that_is_not_a_project_key_is_explained_next_to_its_field()
    {
        var client = Client(Role.Admin);
        var page = await PageAsync(client);

        var result = await HtmlPage.ParseAsync(await MultipartPageForm.Of(page, "form.import-check", PagePath).Set("newTarget", "Not A Key")
            .Attach(ImportUpload.FileField, "shop.json", Encoding.UTF8.GetBytes(TransferJson.Write(await Exporter.ExportAsync("shop")))).SubmitAsync(client));

        Assert.NotNull(result.QuerySelector("#import-target-problem"));
        Assert.Null(result.QuerySelector(".import-report"));
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Editor)]
    public async Task Viewers_and_editors_are_refused_the_dry_run_and_the_apply(Role role)
    {
        var client = Client(role);
        var page = await PageAsync(client);
        var document = Encoding.UTF8.GetBytes(TransferJson.Write(await ChangedDocumentAsync()));
        var before = await AuditCountAsync();

        var check = await MultipartPageForm.Of(page, "form.import-check", PagePath).Set("target", "shop").Attach(ImportUpload.FileField, "shop.json", document).SubmitAsync(client);
        var apply = await MultipartPageForm.Of(page, "form.import-apply-stub", PagePath)
            .Set("__RequestVerificationToken", page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!).Set("target", "shop").Set(ImportUpload.TextField, Encoding.UTF8.GetString(document)).SubmitAsync(client);

        Assert.Equal(HttpStatusCode.Forbidden, check.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, apply.StatusCode);
        Assert.Equal(before, await AuditCountAsync());
        Assert.False((await Flags.GetFlagAsync("shop", "checkout")).StateIn("production")!.Enabled);
    }

    [Fact]
    public async Task An_apply_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var client = Client(Role.Admin);
        var report = await DryRunAsync(client, await ChangedDocumentAsync());
        var before = await AuditCountAsync();

        var response = await MultipartPageForm.Of(report, "form.import-apply", PagePath).Remove("__RequestVerificationToken").SubmitAsync(client);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await AuditCountAsync());
        Assert.False((await Flags.GetFlagAsync("shop", "checkout")).StateIn("production")!.Enabled);
    }

    /// <summary>The project as exported, with production of checkout switched on at 25 %, a new environment qa and a new flag search.</summary>
    [Fact]
    public async Task An_import_that_unprotects_a_protected_environment_asks_for_the_confirmation_too()
    {
        var client = Client(Role.Admin);
        var exported = await Exporter.ExportAsync("shop");
        var unprotecting = exported with { Environments = [.. exported.Environments.Select(e => e with { Protected = false })] };
        var report = await DryRunAsync(client, unprotecting);

        var result = await HtmlPage.ParseAsync(await MultipartPageForm.Of(report, "form.import-apply", PagePath).SubmitAsync(client));

        Assert.Contains("production", report.QuerySelector("label[for=import-confirmed]")!.TextContent);
        Assert.Contains("to confirm", result.QuerySelector("#import-confirmed-problem")!.TextContent);
        Assert.True((await Flags.ListEnvironmentsAsync("shop")).Single(e => e.Key == "production").Protected);
    }

    private async Task<ProjectDocument> ChangedDocumentAsync()
    {
        var exported = await Exporter.ExportAsync("shop");
        var checkout = exported.Flags.Single(f => f.Key == "checkout");
        var changed = checkout with
        {
            Environments = new Dictionary<string, DocumentState>(checkout.Environments)
            {
                ["production"] = checkout.Environments["production"] with { Enabled = true, RolloutBasisPoints = 2500 },
            },
        };
        return exported with
        {
            Environments = [.. exported.Environments, new DocumentEnvironment("qa", "QA", 3)],
            Flags = [changed, checkout with { Key = "search", Name = "Search" }],
        };
    }

    private static async Task<IDocument> DryRunAsync(HttpClient client, ProjectDocument document)
    {
        var page = await PageAsync(client);
        var response = await MultipartPageForm.Of(page, "form.import-check", PagePath)
            .Attach(ImportUpload.FileField, "shop.json", Encoding.UTF8.GetBytes(TransferJson.Write(document))).SubmitAsync(client);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlPage.ParseAsync(response);
    }

    private static string? Outcome(IDocument page, string selector) =>
        (page.QuerySelector(selector) ?? throw new InvalidOperationException($"Nothing matches '{selector}'.")).GetAttribute("data-outcome");

    private async Task<int> AuditCountAsync() =>
        (await Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", Limit = AuditQuery.MaxLimit })).Items.Count;

    [GeneratedRegex(@"^shop-\d{8}T\d{6}Z\.json$")]
    private static partial Regex FileName();
}

public sealed class TransferPageOnMemoryTests : TransferPageTests
{
    protected override Task<FlagAdminFactory> CreateFactoryAsync() => Task.FromResult(FlagAdminFactory.Memory());
}

public sealed class TransferPageOnPostgresTests(PostgresFixture postgres) : TransferPageTests, IClassFixture<PostgresFixture>
{
    protected override async Task<FlagAdminFactory> CreateFactoryAsync() => FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync());
}
