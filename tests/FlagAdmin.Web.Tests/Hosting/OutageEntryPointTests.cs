using System.Net;
using System.Text;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Transfer;
using FlagAdmin.Core.Users;
using FlagAdmin.Testing.Postgres;
using FlagAdmin.Web.Api.Access;
using FlagAdmin.Web.Auth;
using FlagAdmin.Web.Tests.Api;
using FlagAdmin.Web.Tests.Auth;
using FlagAdmin.Web.Tests.Ui.Transfer;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlagAdmin.Web.Tests.Hosting;

/// <summary>
/// Every way in while PostgreSQL is really stopped: each answers 503 (a problem with <c>Retry-After</c> for the JSON
/// APIs, the status page for the admin app), never a 500, and nothing is stored.
/// </summary>
[Collection(PostgresOutageCollection.Name)]
public sealed class OutageEntryPointTests(StoppablePostgres postgres)
{
    [Fact]
    public async Task An_admin_api_request_with_an_access_token_is_answered_503_with_retry_after()
    {
        await using var site = await OutageSite.StartAsync(postgres);
        var token = await site.CreateTokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await site.ApiAsync(HttpMethod.Get, "/api/v1/projects", token)).StatusCode);

        var (read, write) = await site.WhileStoppedAsync(async () => (
            await site.ApiAsync(HttpMethod.Get, "/api/v1/projects", token),
            await site.ApiAsync(HttpMethod.Post, "/api/v1/projects", token, """{"key":"billing","name":"Billing"}""")));

        var readProblem = await read.ProblemAsync(503);
        Assert.Equal("5", read.Headers.RetryAfter?.ToString());
        Assert.Contains("database", readProblem.GetProperty("detail").GetString());
        Assert.DoesNotContain("not saved", readProblem.GetProperty("detail").GetString());
        Assert.Contains("not saved", (await write.ProblemAsync(503)).GetProperty("detail").GetString());
        Assert.Equal("5", write.Headers.RetryAfter?.ToString());
        Assert.DoesNotContain(await site.Flags.ListProjectsAsync(), p => p.Key == "billing");
    }

    [Fact]
    public async Task A_signed_in_browser_gets_the_503_page_on_every_page_and_is_still_signed_in_afterwards()
    {
        await using var site = await OutageSite.StartAsync(postgres);
        var browser = await site.SignedInBrowserAsync();
        string[] pages =
        [
            "/", "/projects", "/projects/shop/flags", "/projects/shop/flags/new", "/projects/shop/flags/new-checkout",
            "/projects/shop/settings", "/projects/shop/sdk-keys", "/projects/shop/transfer", "/projects/shop/audit",
            "/projects/shop/audit/export.csv", "/projects/shop/events", "/users", "/users/history", "/account/tokens", "/system",
        ];

        var answers = await site.WhileStoppedAsync(async () =>
        {
            var list = new List<(string Path, HttpResponseMessage Response)>();
            foreach (var page in pages)
            {
                list.Add((page, await browser.GetAsync(page)));
            }
            return list;
        });

        foreach (var (path, response) in answers)
        {
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"GET {path} answered {(int)response.StatusCode}.");
            Assert.Equal("5", response.Headers.RetryAfter?.ToString());
            Assert.Contains("cannot reach its database", (await HtmlPage.ParseAsync(response)).Body!.TextContent);
        }
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/projects/shop/flags")).StatusCode);
    }

    [Fact]
    public async Task Signing_in_while_the_database_is_down_says_so_and_works_once_it_is_back()
    {
        await using var site = await OutageSite.StartAsync(postgres);
        var browser = new Browser(site.Factory);
        var form = await browser.PageAsync("/signin");

        var (page, post) = await site.WhileStoppedAsync(async () => (
            await browser.GetAsync("/signin"),
            await PageForm.Named(form, "signin", "/signin")
                .Set("Input.Email", AuthHost.AdminEmail).Set("Input.Password", AuthHost.AdminPassword)
                .SubmitAsync(browser.Client, value: null)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("cannot reach its database", (await HtmlPage.ParseAsync(page)).Body!.TextContent);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
        Assert.Contains("cannot reach its database", (await HtmlPage.ParseAsync(post)).Body!.TextContent);
        Assert.False(post.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("FlagAdmin.Auth=", StringComparison.Ordinal)));
        await browser.SignedInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);
    }

    [Fact]
    public async Task A_circuit_whose_sign_in_cannot_be_rechecked_stays_signed_in()
    {
        await using var site = await OutageSite.StartAsync(postgres);
        var admin = (await site.Factory.Services.GetRequiredService<IUserRepository>().FindUserByEmailAsync(AuthHost.AdminEmail))!;
        using var circuit = new CircuitSignIn(site.Factory.Services.GetRequiredService<UserService>(), TimeProvider.System, NullLogger<CircuitSignIn>.Instance);
        circuit.SetAuthenticationState(Task.FromResult(new AuthenticationState(CookieSignIn.CreatePrincipal(admin))));

        var keepWatching = await site.WhileStoppedAsync(circuit.RecheckAsync);

        Assert.True(keepWatching);
        var user = (await circuit.GetAuthenticationStateAsync()).User;
        Assert.Equal((AuthHost.AdminEmail, Role.Admin), (user.Identity?.Name, user.FlagAdminRole()));
        Assert.True(await circuit.RecheckAsync());
    }

    [Fact]
    public async Task The_first_use_of_an_sdk_key_not_yet_cached_is_answered_503_while_a_cached_key_keeps_evaluating()
    {
        await using var site = await OutageSite.StartAsync(postgres);
        var used = await site.CreateSdkKeyAsync("web");
        var unused = await site.CreateSdkKeyAsync("mobile");
        Assert.Equal(HttpStatusCode.OK, (await site.EvaluateAsync("/ofrep/v1/evaluate/flags/new-checkout", used)).StatusCode);

        var (cached, single, bulk, events) = await site.WhileStoppedAsync(async () => (
            await site.EvaluateAsync("/ofrep/v1/evaluate/flags/new-checkout", used),
            await site.EvaluateAsync("/ofrep/v1/evaluate/flags/new-checkout", unused),
            await site.EvaluateAsync("/ofrep/v1/evaluate/flags", unused),
            await site.EventsAsync(unused)));

        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        foreach (var refused in new[] { single, bulk, events })
        {
            var problem = await refused.ProblemAsync(503);
            Assert.Equal("5", refused.Headers.RetryAfter?.ToString());
            Assert.Contains("database", problem.GetProperty("detail").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await site.EvaluateAsync("/ofrep/v1/evaluate/flags/new-checkout", unused)).StatusCode);
    }

    [Fact]
    public async Task An_import_through_the_api_or_the_transfer_page_is_refused_with_503_and_changes_nothing()
    {
        await using var site = await OutageSite.StartAsync(postgres);
        var browser = await site.SignedInBrowserAsync();
        var document = await site.Factory.Services.GetRequiredService<ProjectExporter>().ExportAsync("shop");
        document = document with { Environments = [.. document.Environments, new DocumentEnvironment("qa", "QA", 3)] };
        var json = TransferJson.Write(document);
        var transfer = await browser.PageAsync("/projects/shop/transfer");
        var admin = site.Factory.CreateClient().As(Role.Admin);

        var (api, page) = await site.WhileStoppedAsync(async () => (
            await admin.PostAsync("/api/v1/projects/shop/import", new StringContent(json, Encoding.UTF8, "application/json")),
            await MultipartPageForm.Of(transfer, "form.import-check", "/projects/shop/transfer")
                .Attach(Web.Components.Pages.Transfer.ImportUpload.FileField, "shop.json", Encoding.UTF8.GetBytes(json)).SubmitAsync(browser.Client)));

        await api.ProblemAsync(503);
        Assert.Equal("5", api.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("cannot reach its database", (await HtmlPage.ParseAsync(page)).Body!.TextContent);
        Assert.DoesNotContain(await site.Flags.ListEnvironmentsAsync("shop"), e => e.Key == "qa");
    }
}

/// <summary>
/// The host on a database of its own on the stoppable server, with project "shop" (staging, production), the flag
/// "new-checkout" and the admin of <see cref="AuthHost"/>; the test header signs in to pages and the admin API.
/// </summary>
internal sealed class OutageSite : IAsyncDisposable
{
    private static readonly ChangeContext Seed = new("seed@example.com");
    private readonly StoppablePostgres _postgres;

    private OutageSite(StoppablePostgres postgres, FlagAdminFactory factory)
    {
        _postgres = postgres;
        Factory = factory;
        Client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public FlagAdminFactory Factory { get; }
    public HttpClient Client { get; }
    public FlagService Flags => Factory.Services.GetRequiredService<FlagService>();

    public static async Task<OutageSite> StartAsync(StoppablePostgres postgres)
    {
        var settings = FlagAdminFactory.PostgresSettings(await postgres.Server.CreateDatabaseAsync());
        settings["Auth:Admin:Email"] = AuthHost.AdminEmail;
        settings["Auth:Admin:Password"] = AuthHost.AdminPassword;
        // Requests with the test header reach the admin API as that user (an import needs the store, a token lookup would fail first).
        var site = new OutageSite(postgres, new FlagAdminFactory(settings, services =>
            services.PostConfigure<PolicySchemeOptions>(AccessTokenAuthentication.ApiScheme, options =>
                options.ForwardDefaultSelector = http => http.Request.Headers.ContainsKey(TestSignIn.Header) ? "Test" : null)));
        var flags = site.Flags;
        await flags.CreateProjectAsync(new NewProject("shop", "Shop"), Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment("shop", "staging", "Staging", 1), Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment("shop", "production", "Production", 2, Protected: true), Seed);
        await flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "new-checkout", Name = "New checkout" }, Seed);
        return site;
    }

    /// <summary>Stops PostgreSQL, runs <paramref name="requests"/>, and starts it again whatever happened.</summary>
    public async Task<T> WhileStoppedAsync<T>(Func<Task<T>> requests)
    {
        await _postgres.StopAsync();
        try
        {
            return await requests();
        }
        finally
        {
            await _postgres.StartAsync();
        }
    }

    public async Task<Browser> SignedInBrowserAsync() =>
        await new Browser(Factory).SignedInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);

    public async Task<string> CreateTokenAsync()
    {
        var admin = (await Factory.Services.GetRequiredService<IUserRepository>().FindUserByEmailAsync(AuthHost.AdminEmail))!;
        var created = await Factory.Services.GetRequiredService<UserService>()
            .CreateTokenAsync(admin.Id, new NewAccessToken("ci", Role.Admin, null), new ChangeContext(AuthHost.AdminEmail));
        return created.Secret;
    }

    public async Task<string> CreateSdkKeyAsync(string name) =>
        (await Factory.Services.GetRequiredService<SdkKeyService>().CreateAsync(new NewSdkKey("shop", "staging", name), Seed)).Secret;

    public Task<HttpResponseMessage> ApiAsync(HttpMethod method, string path, string token, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> EvaluateAsync(string path, string sdkKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent("""{"context":{"targetingKey":"user-1"}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", sdkKey);
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> EventsAsync(string sdkKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/ofrep/v1/events");
        request.Headers.Authorization = new("Bearer", sdkKey);
        return Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
