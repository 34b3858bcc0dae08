using System.Net;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Ui.Flags;

public sealed class NewFlagPageTests : IAsyncLifetime
{
    private TestSite _host = default!;

    public async Task InitializeAsync() => _host = await FlagsListSeed.StartAsync(FlagAdminFactory.Memory());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static (string, string)[] Fields(params (string, string)[] fields) => [("_handler", "new-flag"), .. fields];

    [Fact]
    public async Task The_form_says_the_key_cannot_be_changed_later_and_offers_blank_variant_rows()
    {
        var page = await _host.Client(Role.Admin).GetPageAsync("/projects/shop/flags/new");

        Assert.Contains("cannot be changed later", page.QuerySelector("#flag-key-help")!.TextContent);
        Assert.Equal(3, page.QuerySelectorAll("input[name$='].Key']").Length);
        Assert.NotNull(page.QuerySelector("button[name='Form.Command'][value=add-variant]"));
    }

    [Fact]
    public async Task Only_admins_may_open_it()
    {
        var response = await _host.Client(Role.Editor).GetAsync("/projects/shop/flags/new");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_boolean_flag_is_created_with_its_reason_and_the_browser_goes_to_its_page()
    {
        var client = _host.Client(Role.Admin, "admin@example.com");
        var page = await client.GetPageAsync("/projects/shop/flags/new");

        var response = await client.PostFormAsync(page, "/projects/shop/flags/new", Fields(
            ("Form.Key", "search-v2"), ("Form.Name", "Search v2"), ("Form.Description", "New ranking"), ("Form.Kind", "boolean"),
            ("Form.Tags", "search, beta"), ("Form.Owner", "discovery"), ("Form.Reason", "Q4 plan")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/projects/shop/flags/search-v2", new Uri(new Uri("http://localhost/"), response.Headers.Location!).AbsolutePath);
        var created = await _host.Flags.GetFlagAsync("shop", "search-v2");
        Assert.Equal(FlagKind.Boolean, created.Flag.Kind);
        Assert.Equal(["beta", "search"], created.Flag.Tags.Order());
        Assert.Equal("discovery", created.Flag.Owner);
        var history = await _host.Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", FlagKey = "search-v2", Limit = 1 });
        Assert.Equal(("admin@example.com", "Q4 plan"), (history.Items[0].Actor, history.Items[0].Reason));
    }

    [Fact]
    public async Task A_multivariate_flag_takes_typed_variants_and_skips_blank_rows()
    {
        var client = _host.Client(Role.Admin);
        var page = await client.GetPageAsync("/projects/shop/flags/new");

        var response = await client.PostFormAsync(page, "/projects/shop/flags/new", Fields(
            ("Form.Key", "button-colour"), ("Form.Name", "Button colour"), ("Form.Kind", "multivariate"), ("Form.VariantType", "string"),
            ("Form.Variants[0].Key", "blue"), ("Form.Variants[0].Value", "Blue"),
            ("Form.Variants[1].Key", "green"), ("Form.Variants[1].Value", "Green"), ("Form.Variants[1].Description", "Spring"),
            ("Form.Variants[2].Key", ""), ("Form.Variants[2].Value", "")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var created = (await _host.Flags.GetFlagAsync("shop", "button-colour")).Flag;
        Assert.Equal(VariantType.String, created.VariantType);
        Assert.Equal([new Variant("blue", "\"Blue\""), new Variant("green", "\"Green\"", "Spring")], created.Variants);
    }

    [Fact]
    public async Task Add_another_variant_keeps_what_was_typed_and_adds_a_row_without_creating_anything()
    {
        var client = _host.Client(Role.Admin);
        var page = await client.GetPageAsync("/projects/shop/flags/new");

        var response = await client.PostFormAsync(page, "/projects/shop/flags/new", Fields(
            ("Form.Key", "limits"), ("Form.Name", "Limits"), ("Form.Kind", "multivariate"), ("Form.VariantType", "number"),
            ("Form.Variants[0].Key", "low"), ("Form.Variants[0].Value", "10"),
            ("Form.Variants[1].Key", "mid"), ("Form.Variants[1].Value", "50"),
            ("Form.Variants[2].Key", "high"), ("Form.Variants[2].Value", "100"),
            ("Form.Command", "add-variant")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await HtmlPage.ParseAsync(response);
        Assert.Equal(4, again.QuerySelectorAll("input[name$='].Key']").Length);
        Assert.Equal("high", again.QuerySelector("input[name='Form.Variants[2].Key']")!.GetAttribute("value"));
        Assert.Equal("limits", again.QuerySelector("#flag-key")!.GetAttribute("value"));
        Assert.Equal(2, (await _host.Flags.ListFlagsAsync(new FlagQuery { ProjectKey = "shop" })).TotalCount);
    }

    [Fact]
    public async Task Invalid_input_is_explained_next_to_each_field_and_nothing_is_created()
    {
        var client = _host.Client(Role.Admin);
        var page = await client.GetPageAsync("/projects/shop/flags/new");

        var response = await client.PostFormAsync(page, "/projects/shop/flags/new", Fields(
            ("Form.Key", "Not A Key"), ("Form.Name", ""), ("Form.Kind", "multivariate"), ("Form.VariantType", "number"),
            ("Form.Variants[0].Key", "low"), ("Form.Variants[0].Value", "ten")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var again = await HtmlPage.ParseAsync(response);
        Assert.Contains("may only contain", again.QuerySelector("#flag-key-problem")!.TextContent);
        Assert.Contains("is-invalid", again.QuerySelector("#flag-key")!.ClassName);
        Assert.NotNull(again.QuerySelector("#flag-name-problem"));
        Assert.Contains("variant 'low'", again.QuerySelector("#flag-variants-problem")!.TextContent);
        Assert.Equal("Not A Key", again.QuerySelector("#flag-key")!.GetAttribute("value"));
        Assert.Equal(2, (await _host.Flags.ListFlagsAsync(new FlagQuery { ProjectKey = "shop" })).TotalCount);
    }

    [Fact]
    public async Task A_key_already_taken_is_explained_at_the_key()
    {
        var client = _host.Client(Role.Admin);
        var page = await client.GetPageAsync("/projects/shop/flags/new");

        var response = await client.PostFormAsync(page, "/projects/shop/flags/new", Fields(("Form.Key", "new-checkout"), ("Form.Name", "Again"), ("Form.Kind", "boolean")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("already exists", (await HtmlPage.ParseAsync(response)).QuerySelector("#flag-key-problem")!.TextContent);
    }
}
