using System.Net;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Ui.FlagDetail;

/// <summary>Archiving and deleting from the detail page (Admins, plain forms), and reasons where the project requires them.</summary>
public sealed class ArchiveDeleteAndReasonTests : IAsyncLifetime
{
    private TestSite _host = default!;

    public async Task InitializeAsync() => _host = await FlagDetailSeed.StartAsync(FlagAdminFactory.Memory(), requireReasons: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string Form(string handler) => $"form:has(input[name=_handler][value={handler}])";

    [Fact]
    public async Task An_admin_archives_and_restores_the_flag()
    {
        var client = _host.Client(Role.Admin);

        var archived = await HtmlPage.ParseAsync(await PageForm.Of(await client.FlagPageAsync(), Form("archive")).SubmitAsync(client, value: null));
        Assert.True((await _host.Flags.GetFlagAsync("shop", "new-checkout")).Flag.Archived);
        Assert.Contains("archived", archived.QuerySelector(".alert-success")!.TextContent);

        await PageForm.Of(archived, Form("archive")).SubmitAsync(client, value: null);
        Assert.False((await _host.Flags.GetFlagAsync("shop", "new-checkout")).Flag.Archived);
    }

    [Fact]
    public async Task Deleting_needs_the_box_ticked_and_then_returns_to_the_flags_list()
    {
        var client = _host.Client(Role.Admin);
        var page = await client.FlagPageAsync();

        var unconfirmed = await HtmlPage.ParseAsync(await PageForm.Of(page, Form("delete")).SubmitAsync(client, value: null));
        Assert.Contains("Tick the box", unconfirmed.QuerySelector(".alert-danger")!.TextContent);
        Assert.NotNull(await _host.Flags.GetFlagAsync("shop", "new-checkout"));

        var deleted = await PageForm.Of(page, Form("delete")).Check("confirmDelete", true).SubmitAsync(client, value: null);

        Assert.True(deleted.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther, deleted.StatusCode.ToString());
        Assert.EndsWith("/projects/shop/flags", deleted.Headers.Location!.ToString());
        await Assert.ThrowsAsync<NotFoundException>(() => _host.Flags.GetFlagAsync("shop", "new-checkout"));
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Editor)]
    public async Task Below_admin_archive_and_delete_are_disabled_with_the_reason_beside_them(Role role)
    {
        var page = await _host.Client(role).FlagPageAsync();

        var why = page.QuerySelector("#flag-danger-why")!;
        Assert.Equal("Only admins can archive or delete flags.", why.TextContent.Trim());
        foreach (var handler in new[] { "archive", "delete" })
        {
            var controls = page.QuerySelector($"{Form(handler)} fieldset")!;
            Assert.True(controls.HasAttribute("disabled"), $"The {handler} controls should be disabled for {role}.");
            Assert.Equal("flag-danger-why", controls.QuerySelector("button[type=submit]")!.GetAttribute("aria-describedby"));
        }
    }

    [Fact]
    public async Task An_admin_gets_archive_and_delete_enabled_without_a_reason_to_read()
    {
        var page = await _host.Client(Role.Admin).FlagPageAsync();

        Assert.Null(page.QuerySelector("#flag-danger-why"));
        var controls = page.QuerySelectorAll($"{Form("archive")} fieldset, {Form("delete")} fieldset");
        Assert.Equal(2, controls.Length);
        Assert.All(controls, fieldset => Assert.False(fieldset.HasAttribute("disabled")));
        Assert.Empty(page.QuerySelectorAll("[aria-describedby=flag-danger-why]"));
    }

    [Theory]
    [InlineData("archive")]
    [InlineData("delete")]
    public async Task An_editor_who_posts_archive_or_delete_anyway_gets_the_403_page_and_nothing_changes(string handler)
    {
        var editor = _host.Client(Role.Editor);
        var page = await editor.FlagPageAsync();
        var before = (await _host.Flags.GetFlagAsync("shop", "new-checkout")).Flag;

        // The editor's own (disabled) form, sent with the box ticked as a forged request would send it.
        var refused = await PageForm.Of(page, Form(handler)).Check("confirmDelete", true).SubmitAsync(editor, value: null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("You may not do this", (await HtmlPage.ParseAsync(refused)).QuerySelector("h1")!.TextContent);
        var after = (await _host.Flags.GetFlagAsync("shop", "new-checkout")).Flag;
        Assert.Equal((before.Version, before.Archived), (after.Version, after.Archived));
    }

    [Fact]
    public async Task A_delete_without_the_box_ticked_by_a_viewer_is_refused_rather_than_asked_to_confirm()
    {
        var viewer = _host.Client(Role.Viewer);
        var page = await viewer.FlagPageAsync();

        var refused = await PageForm.Of(page, Form("delete")).SubmitAsync(viewer, value: null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("You may not do this", (await HtmlPage.ParseAsync(refused)).QuerySelector("h1")!.TextContent);
        Assert.NotNull(await _host.Flags.GetFlagAsync("shop", "new-checkout"));
    }

    [Fact]
    public async Task A_protected_environment_of_a_project_that_requires_reasons_asks_for_one_next_to_the_field()
    {
        var client = _host.Client(Role.Admin);
        var page = await client.FlagPageAsync();
        Assert.Contains("(required)", page.QuerySelector("label[for=panel-production-reason]")!.TextContent);
        var before = await _host.StateAsync("new-checkout", "production");

        var missing = await HtmlPage.ParseAsync(await PageForm.Of(page, "#panel-production").Check("enabled", true).Set("confirmed", "on").SubmitAsync(client, htmx: true));
        Assert.Contains("Give a reason", missing.QuerySelector("input[name=reason] ~ .invalid-feedback")!.TextContent);
        Assert.Equal(before, await _host.StateAsync("new-checkout", "production"));

        // htmx sends "confirmed" from the save button's hx-vals once the user accepted hx-confirm.
        await new PageForm(missing.Body!.FirstElementChild!).Set("reason", "launch day").Set("confirmed", "on").SubmitAsync(client, htmx: true);

        Assert.True((await _host.StateAsync("new-checkout", "production")).Enabled);
        var entry = (await _host.Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", FlagKey = "new-checkout", Limit = 1 })).Items.Single();
        Assert.Equal(("launch day", AuditAction.FlagToggled), (entry.Reason, entry.Action));
    }

    [Fact]
    public async Task Metadata_saved_from_a_stale_page_says_who_changed_it_and_keeps_the_typed_values()
    {
        var client = _host.Client(Role.Editor);
        var page = await client.FlagPageAsync();
        var flag = (await _host.Flags.GetFlagAsync("shop", "new-checkout")).Flag;
        await _host.Flags.UpdateFlagAsync(new() { ProjectKey = "shop", Key = flag.Key, ExpectedVersion = flag.Version, Name = "Theirs", Variants = flag.Variants }, new("zoe@example.com"));

        var stale = await HtmlPage.ParseAsync(await PageForm.Of(page, "#flag-metadata").Set("name", "Mine").SubmitAsync(client, value: null, htmx: true));

        Assert.Contains("zoe@example.com changed this flag's details", stale.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal("Mine", stale.QuerySelector("#flag-name")!.GetAttribute("value"));
        Assert.Equal("Theirs", (await _host.Flags.GetFlagAsync("shop", "new-checkout")).Flag.Name);

        await new PageForm(stale.Body!.FirstElementChild!).SubmitAsync(client, value: null, htmx: true);
        Assert.Equal("Mine", (await _host.Flags.GetFlagAsync("shop", "new-checkout")).Flag.Name);
    }
}
