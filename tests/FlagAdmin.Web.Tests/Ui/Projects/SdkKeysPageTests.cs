using System.Net;
using System.Net.Http.Headers;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Ui.Projects;

/// <summary>
/// The SDK keys page as the server prerenders it, on both stores: admins only, keys listed by prefix, the status of a
/// missing project. Creating (the secret shown once) and revoking are the circuit's (SdkKeysPageTests in the component
/// tests, SdkKeysInTheBrowserTests).
/// </summary>
public abstract class SdkKeysPageTests : IAsyncLifetime
{
    private TestSite _site = default!;

    protected abstract Task<FlagAdminFactory> CreateFactoryAsync();

    private FlagService Flags => _site.Flags;
    private SdkKeyService Keys => _site.SdkKeys;

    public async Task InitializeAsync()
    {
        _site = new TestSite(await CreateFactoryAsync());
        await _site.CreateProjectAsync("shop", "Shop", requireReason: false, ("staging", "Staging", false), ("production", "Production", true));
        await Flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "checkout", Name = "Checkout" }, TestSite.Seed);
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private HttpClient Client(Role role) => _site.Client(role);

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Editor)]
    public async Task Only_admins_may_open_the_sdk_keys(Role role)
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(role).GetAsync("/projects/shop/sdk-keys")).StatusCode);
    }

    [Fact]
    public async Task The_keys_are_an_interactive_page_listing_each_key_by_its_prefix_never_its_secret()
    {
        var created = await Keys.CreateAsync(new NewSdkKey("shop", "production", "checkout-service"), TestSite.Seed);

        var html = await Client(Role.Admin).GetStringAsync("/projects/shop/sdk-keys");
        var page = await Client(Role.Admin).GetPageAsync("/projects/shop/sdk-keys");

        Assert.DoesNotContain(created.Secret, html);
        Assert.Contains(created.Key.Prefix, page.QuerySelector($"tr.sdk-key-row[data-id='{created.Key.Id}']")!.TextContent);
        Assert.NotNull(page.QuerySelector("script[src*=blazor]"));
        Assert.Null(page.QuerySelector("script[src*=htmx]"));
        Assert.NotEqual(HttpStatusCode.Unauthorized, await EvaluateAsync(created.Secret));
    }

    [Fact]
    public async Task The_keys_of_a_project_that_does_not_exist_are_a_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client(Role.Admin).GetAsync("/projects/nowhere/sdk-keys")).StatusCode);
    }

    private async Task<HttpStatusCode> EvaluateAsync(string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/ofrep/v1/evaluate/flags/checkout")
        {
            Content = new StringContent("""{"context":{"targetingKey":"user-1"}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return (await _site.SignedOutClient().SendAsync(request)).StatusCode;
    }
}

public sealed class SdkKeysPageOnMemoryTests : SdkKeysPageTests
{
    protected override Task<FlagAdminFactory> CreateFactoryAsync() => Task.FromResult(FlagAdminFactory.Memory());
}

public sealed class SdkKeysPageOnPostgresTests(PostgresFixture postgres) : SdkKeysPageTests, IClassFixture<PostgresFixture>
{
    protected override async Task<FlagAdminFactory> CreateFactoryAsync() => FlagAdminFactory.Postgres(await postgres.CreateDatabaseAsync());
}
