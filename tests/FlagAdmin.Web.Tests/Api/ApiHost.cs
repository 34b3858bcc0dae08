using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Api.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Api;

/// <summary>
/// A host with project "shop" (staging, and production which is protected) and the boolean flag "new-checkout".
/// Requests act as a role through the test sign-in header, which the API's scheme is pointed at here; requests
/// without it meet the real access-token scheme.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public static readonly ChangeContext Seed = new("seed@example.com");

    private readonly FlagAdminFactory _root;

    private ApiHost(FlagAdminFactory root, WebApplicationFactory<Program> factory)
    {
        _root = root;
        Factory = factory;
        Client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public WebApplicationFactory<Program> Factory { get; }
    public HttpClient Client { get; }
    public FlagService Flags => Factory.Services.GetRequiredService<FlagService>();

    public static Task<ApiHost> StartAsync(Dictionary<string, string?>? settings = null, bool seed = true) =>
        StartAsync(new FlagAdminFactory(settings ?? new Dictionary<string, string?> { ["Store:Provider"] = "Memory" }), seed);

    public static async Task<ApiHost> StartAsync(FlagAdminFactory factory, bool seed = true)
    {
        var host = new ApiHost(factory, factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.PostConfigure<PolicySchemeOptions>(AccessTokenAuthentication.ApiScheme, options =>
                options.ForwardDefaultSelector = http => http.Request.Headers.ContainsKey(TestSignIn.Header) ? "Test" : null))));
        if (seed)
        {
            var flags = host.Flags;
            await flags.CreateProjectAsync(new NewProject("shop", "Shop", RequireReasonInProtectedEnvironments: true), Seed);
            await flags.CreateEnvironmentAsync(new NewEnvironment("shop", "staging", "Staging", 1), Seed);
            await flags.CreateEnvironmentAsync(new NewEnvironment("shop", "production", "Production", 2, Protected: true), Seed);
            await flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "new-checkout", Name = "New checkout", Tags = ["checkout"] }, Seed);
        }
        return host;
    }

    public Task<HttpResponseMessage> GetAsync(string path, Role role = Role.Admin) => SendAsync(HttpMethod.Get, path, null, role);

    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, object? body, Role? role = Role.Admin, string? ifMatch = null,
        string? reason = null, string? bearer = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            var text = body as string ?? JsonSerializer.Serialize(body, JsonSerializerOptions.Web);
            request.Content = new StringContent(text, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        if (role is { } r)
        {
            request.Headers.Add(TestSignIn.Header, $"{r.ToString().ToLowerInvariant()}@example.com|{r}");
        }
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        if (reason is not null)
        {
            request.Headers.Add("X-Change-Reason", Uri.EscapeDataString(reason));
        }
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return await Client.SendAsync(request);
    }

    public async Task<string> ETagOfAsync(string path) => (await GetAsync(path)).Headers.ETag!.Tag;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _root.DisposeAsync();
    }
}

public static class ApiResponses
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, int status)
    {
        Assert.True(status == (int)response.StatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.True("application/problem+json" == response.Content.Headers.ContentType?.MediaType, $"{(int)response.StatusCode} {response.Content.Headers.ContentType} {await response.Content.ReadAsStringAsync()}");
        var problem = await response.JsonAsync();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    public static string[] ErrorsFor(this JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();
}

public static class ApiServices
{
    public static FlagAdmin.Core.SdkKeys.SdkKeyService GetRequiredSdkKeys(this IServiceProvider services) =>
        services.GetRequiredService<FlagAdmin.Core.SdkKeys.SdkKeyService>();
}
