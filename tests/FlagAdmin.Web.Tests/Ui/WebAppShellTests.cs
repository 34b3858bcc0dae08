using System.Net;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Ui;

public sealed class WebAppShellTests : IAsyncLifetime
{
    private readonly TestSite _site = new(FlagAdminFactory.Memory());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_and_back()
    {
        var response = await _site.SignedOutClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?returnUrl=%2F", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task An_empty_store_offers_to_create_the_first_project_in_the_apps_layout()
    {
        var response = await _site.Client(Role.Viewer).GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ParseAsync(response);
        Assert.Contains("There is no project yet", page.QuerySelector("#main")!.TextContent);
        Assert.Contains("Ask an admin to create the first project", page.QuerySelector("#main")!.TextContent);
        Assert.Equal("viewer@example.com", page.QuerySelector(".user-menu .user-name")!.TextContent.Trim());
        Assert.Equal("Viewer", page.QuerySelector(".user-menu .role-chip")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("script[src^='_framework/blazor.web']"));
        Assert.Null(page.QuerySelector("link[href*=bootstrap]"));
    }

    [Fact]
    public async Task The_home_page_is_the_flags_list_of_the_first_project()
    {
        await _site.Flags.CreateProjectAsync(
            new NewProject("shop", "Shop"), new ChangeContext("seed"));

        var response = await _site.Client(Role.Viewer).GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/projects/shop/flags", new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!).PathAndQuery);
    }

    [Fact]
    public async Task Only_admins_see_the_users_link()
    {
        var asEditor = await HtmlPage.ParseAsync(await _site.Client(Role.Editor).GetAsync("/"));
        var asAdmin = await HtmlPage.ParseAsync(await _site.Client(Role.Admin).GetAsync("/"));

        Assert.Null(asEditor.QuerySelector("a[href='/users']"));
        Assert.NotNull(asAdmin.QuerySelector("a[href='/users']"));
    }

    [Theory]
    [InlineData("/lib/htmx.org/htmx.min.js")]
    [InlineData("/lib/htmx-ext-sse/sse.min.js")]
    [InlineData("/lib/bootstrap/css/bootstrap.min.css")]
    [InlineData("/lib/bootstrap-icons/fonts/bootstrap-icons.woff2")]
    [InlineData("/app.js")]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js")]
    [InlineData("/fonts/roboto/roboto-latin-400-normal.woff2")]
    [InlineData("/fonts/roboto/roboto.css")]
    [InlineData("/favicon.svg")]
    [InlineData("/js/start.js")]
    public async Task The_front_end_packages_are_served(string path)
    {
        var response = await _site.SignedOutClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);
    }

    [Fact]
    public async Task A_page_not_yet_interactive_keeps_bootstrap_and_htmx_and_gets_no_circuit()
    {
        await _site.Flags.CreateProjectAsync(new NewProject("shop", "Shop"), TestSite.Seed);

        var page = await HtmlPage.ParseAsync(await _site.Client(Role.Viewer).GetAsync("/projects/shop/transfer"));

        Assert.NotNull(page.QuerySelector("link[href*=bootstrap]"));
        Assert.NotNull(page.QuerySelector("script[src*=htmx]"));
        Assert.Null(page.QuerySelector("script[src*=blazor]"));
        Assert.Null(page.QuerySelector("link[href*=MudBlazor]"));
    }

    [Fact]
    public async Task The_sign_in_page_is_static_with_mudblazors_look_and_a_favicon()
    {
        var page = await HtmlPage.ParseAsync(await _site.SignedOutClient().GetAsync("/signin"));

        Assert.NotNull(page.QuerySelector("link[href*=MudBlazor]"));
        Assert.Null(page.QuerySelector("script[src*=blazor]"));
        Assert.NotNull(page.QuerySelector("form input[name='Input.Email']"));
        Assert.NotNull(page.QuerySelector("form input[name=__RequestVerificationToken]"));
        Assert.NotNull(page.QuerySelector("link[rel=icon]"));
    }

    [Fact]
    public async Task The_npm_folder_itself_is_not_served()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _site.SignedOutClient().GetAsync("/package.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _site.SignedOutClient().GetAsync("/node_modules/htmx.org/package.json")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_answers_404_with_the_apps_page()
    {
        var response = await _site.Client(Role.Viewer).GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await HtmlPage.ParseAsync(response);
        Assert.Equal("Not found", page.QuerySelector("h1")!.TextContent);
    }
}
