using System.Net;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Ui.FlagDetail;

/// <summary>Editing a multivariate flag's variants in the details form of the flag detail page (memory store).</summary>
public sealed class VariantsEditingTests : IAsyncLifetime
{
    private TestSite _host = default!;

    public async Task InitializeAsync() => _host = await FlagDetailSeed.StartAsync(FlagAdminFactory.Memory());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Flag> BannerAsync() => (await _host.Flags.GetFlagAsync("shop", "banner")).Flag;

    [Fact]
    public async Task The_form_shows_the_variants_with_their_typed_values_and_a_boolean_flag_shows_on_and_off_read_only()
    {
        var client = _host.Client(Role.Admin);

        var banner = await client.FlagPageAsync("banner");
        Assert.Equal(["a", "b", "c"], banner.QuerySelectorAll("#flag-variants input[name$='].Key']").Select(i => i.GetAttribute("value")));
        Assert.Equal("A", banner.QuerySelector("#flag-variants input[name='variants[0].Value']")!.GetAttribute("value"));
        Assert.False(banner.QuerySelector("#flag-variants")!.HasAttribute("disabled"));

        var checkout = await client.FlagPageAsync();
        Assert.Contains("on", checkout.QuerySelector("#flag-variants")!.TextContent);
        Assert.Empty(checkout.QuerySelectorAll("#flag-metadata input[name^='variants']"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_admin_adds_a_variant_and_changes_a_value_and_both_are_stored_and_audited(bool htmx)
    {
        var client = _host.Client(Role.Admin);
        var page = await client.FlagPageAsync("banner");

        var added = await PageForm.Of(page, "#flag-metadata").SubmitAsync(client, "command", "add-variant", htmx);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var withRow = await HtmlPage.ParseAsync(added);
        Assert.Equal(4, withRow.QuerySelectorAll("#flag-variants input[name$='].Key']").Length);
        Assert.Equal(3, (await BannerAsync()).Variants.Count);

        var response = await PageForm.Of(withRow, "#flag-metadata")
            .Set("variants[3].Key", "d").Set("variants[3].Value", "Dee").Set("variants[1].Value", "Bee").Set("reason", "more banners")
            .SubmitAsync(client, value: null, htmx: htmx);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Saved", (await HtmlPage.ParseAsync(response)).QuerySelector("#flag-metadata .alert-success")!.TextContent);
        var stored = await BannerAsync();
        Assert.Equal([new Variant("a", "\"A\""), new Variant("b", "\"Bee\""), new Variant("c", "\"C\""), new Variant("d", "\"Dee\"")], stored.Variants.ToArray());
        var entry = (await _host.Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", FlagKey = "banner", Limit = 1 })).Items.Single();
        Assert.Equal((AuditAction.FlagUpdated, "more banners"), (entry.Action, entry.Reason));
        Assert.Contains("Dee", entry.After);
    }

    [Fact]
    public async Task Removing_a_variant_an_environment_serves_is_refused_next_to_the_variants_and_nothing_is_stored()
    {
        var client = _host.Client(Role.Admin);
        var page = await client.FlagPageAsync("banner");
        var servedOn = (await _host.StateAsync("banner", "development")).OnVariant;
        var row = Array.IndexOf(["a", "b", "c"], servedOn);

        var response = await PageForm.Of(page, "#flag-metadata").Set($"variants[{row}].Key", "").SubmitAsync(client, value: null, htmx: true);

        var fragment = await HtmlPage.ParseAsync(response);
        Assert.Contains($"Variant '{servedOn}' is still served", fragment.QuerySelector("#flag-variants .invalid-feedback")!.TextContent);
        var stored = await BannerAsync();
        Assert.Equal(["a", "b", "c"], stored.Variants.Select(v => v.Key));
        Assert.Equal(page.QuerySelector("#flag-metadata input[name=version]")!.GetAttribute("value"), stored.Version.ToString());
    }

    [Fact]
    public async Task An_editor_sees_the_variants_disabled_and_a_hand_made_post_changing_them_is_refused_with_nothing_stored()
    {
        var client = _host.Client(Role.Editor);
        var page = await client.FlagPageAsync("banner");
        Assert.True(page.QuerySelector("#flag-variants")!.HasAttribute("disabled"));
        var before = await BannerAsync();

        var response = await PageForm.Of(page, "#flag-metadata")
            .Set("name", "Banner v2").Set("variants[0].Key", "a").Set("variants[0].Value", "Changed")
            .SubmitAsync(client, value: null, htmx: true);

        Assert.Contains("Changing a flag's variants needs the Admin role", (await HtmlPage.ParseAsync(response)).QuerySelector("#flag-metadata .alert-danger")!.TextContent);
        Assert.Equal(before, await BannerAsync());
    }

    [Fact]
    public async Task An_editor_still_saves_the_name_of_a_multivariate_flag_without_touching_its_variants()
    {
        var client = _host.Client(Role.Editor);
        var page = await client.FlagPageAsync("banner");

        await PageForm.Of(page, "#flag-metadata").Set("name", "Banner v2").SubmitAsync(client, value: null, htmx: true);

        var stored = await BannerAsync();
        Assert.Equal("Banner v2", stored.Name);
        Assert.Equal(["a", "b", "c"], stored.Variants.Select(v => v.Key));
    }
}
