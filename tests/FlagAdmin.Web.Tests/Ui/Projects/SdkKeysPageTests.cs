using System.Net;
using System.Net.Http.Headers;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Web.Tests.Ui.Projects;

/// <summary>The SDK keys page on a store picked by the subclass: a key's secret shown once, revocation at once.</summary>
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
    public async Task A_new_keys_secret_is_shown_once_works_for_its_environment_and_is_never_shown_again()
    {
        var client = Client(Role.Admin);
        var page = await client.GetPageAsync("/projects/shop/sdk-keys");

        var response = await PageForm.Of(page, "form.sdk-key-create")
            .Set("name", "checkout-service").Set("environment", "production").Set("reason", "Launch").SubmitAsync(client, value: null);

        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var created = await HtmlPage.ParseAsync(response);
        var secret = created.QuerySelector("#sdk-key-secret")!.GetAttribute("value")!;
        Assert.StartsWith(SdkKeySecrets.SecretPrefix, secret);
        Assert.Contains("will not be shown again", created.QuerySelector(".sdk-key-created")!.TextContent);
        Assert.NotNull(created.QuerySelector("[data-copy-from='#sdk-key-secret']"));
        Assert.NotEqual(HttpStatusCode.Unauthorized, await EvaluateAsync(secret));

        var later = await client.GetStringAsync("/projects/shop/sdk-keys");
        Assert.DoesNotContain(secret, later);
        var key = Assert.Single(await Keys.ListAsync("shop"));
        Assert.Contains(key.Prefix, later);
        Assert.Equal(("checkout-service", "production", "admin@example.com"), (key.Name, key.EnvironmentKey, key.CreatedBy));
        var entry = (await Flags.HistoryAsync(new AuditQuery { ProjectKey = "shop", Action = AuditAction.SdkKeyCreated })).Items.Single();
        Assert.Equal("Launch", entry.Reason);
        Assert.DoesNotContain(secret, entry.After);
    }

    [Fact]
    public async Task A_key_without_a_name_is_explained_and_not_created()
    {
        var client = Client(Role.Admin);
        var page = await client.GetPageAsync("/projects/shop/sdk-keys");

        var result = await HtmlPage.ParseAsync(await PageForm.Of(page, "form.sdk-key-create").Set("name", "  ").SubmitAsync(client, value: null));

        Assert.Equal("Key name is required.", result.QuerySelector("#sdk-key-name-problem")!.TextContent);
        Assert.Null(result.QuerySelector("#sdk-key-secret"));
        Assert.Empty(await Keys.ListAsync("shop"));
    }

    [Fact]
    public async Task Revoking_asks_for_confirmation_and_then_stops_the_key_at_once()
    {
        var created = await Keys.CreateAsync(new NewSdkKey("shop", "staging", "old-service"), new ChangeContext("seed@example.com"));
        Assert.NotEqual(HttpStatusCode.Unauthorized, await EvaluateAsync(created.Secret));
        var client = Client(Role.Admin);
        var page = await client.GetPageAsync("/projects/shop/sdk-keys");
        var revoke = PageForm.Of(page, $"tr[data-id='{created.Key.Id}'] form.sdk-key-revoke").Set("reason", "Leaked in a log");

        var unconfirmed = await HtmlPage.ParseAsync(await revoke.SubmitAsync(client, value: null));
        Assert.Contains("to confirm", unconfirmed.QuerySelector($"#confirm-problem-{created.Key.Id}")!.TextContent);
        Assert.False((await Keys.ListAsync("shop")).Single().IsRevoked);

        var confirmed = await HtmlPage.ParseAsync(await revoke.Check("confirmed", true).SubmitAsync(client, value: null));
        Assert.Contains("revoked", confirmed.QuerySelector(".alert-success")!.TextContent);
        Assert.NotNull(confirmed.QuerySelector($"tr[data-id='{created.Key.Id}'] .sdk-key-revoked"));
        Assert.Equal(HttpStatusCode.Unauthorized, await EvaluateAsync(created.Secret));
        var key = (await Keys.ListAsync("shop")).Single();
        Assert.Equal("admin@example.com", key.RevokedBy);
    }

    [Fact]
    public async Task Revoking_from_a_stale_page_changes_nothing_more()
    {
        var created = await Keys.CreateAsync(new NewSdkKey("shop", "staging", "old-service"), new ChangeContext("seed@example.com"));
        var client = Client(Role.Admin);
        var page = await client.GetPageAsync("/projects/shop/sdk-keys");
        await Keys.RevokeAsync("shop", created.Key.Id, created.Key.Version, new ChangeContext("eve@example.com"));

        var result = await HtmlPage.ParseAsync(await PageForm.Of(page, "form.sdk-key-revoke").Check("confirmed", true).SubmitAsync(client, value: null));

        Assert.Null(result.QuerySelector(".alert-success"));
        Assert.NotNull(result.QuerySelector(".alert-warning, .sdk-key-problem"));
        Assert.NotNull(result.QuerySelector(".sdk-key-revoked"));
        Assert.Equal("eve@example.com", (await Keys.ListAsync("shop")).Single().RevokedBy);
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
