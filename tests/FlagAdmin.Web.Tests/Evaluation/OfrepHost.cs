using System.Net.Http.Headers;
using System.Text;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.SdkKeys;

namespace FlagAdmin.Web.Tests.Evaluation;

/// <summary>A <see cref="TestSite"/> (memory store unless a test picks another) with project "shop" (staging, production), a few flags and an SDK key per environment.</summary>
internal sealed class OfrepHost : IAsyncDisposable
{
    public static readonly ChangeContext Admin = new("admin@example.com");

    private readonly TestSite _site;

    private OfrepHost(TestSite site)
    {
        _site = site;
        Client = site.SignedOutClient();
    }

    /// <summary>A client with no user: applications authenticate with an SDK key per request.</summary>
    public HttpClient Client { get; }
    public FlagService Flags => _site.Flags;
    public IServiceProvider Services => _site.Services;
    public SdkKeyService Keys => _site.SdkKeys;
    public CreatedSdkKey Production { get; private set; } = null!;
    public CreatedSdkKey Staging { get; private set; } = null!;

    public static async Task<OfrepHost> StartAsync(FlagAdminFactory? store = null)
    {
        var host = new OfrepHost(new TestSite(store ?? FlagAdminFactory.Memory()));
        await host.WaitUntilReadyAsync();
        var flags = host.Flags;
        await flags.CreateProjectAsync(new NewProject("shop", "Shop"), Admin);
        await flags.CreateEnvironmentAsync(new NewEnvironment("shop", "staging", "Staging", 1), Admin);
        await flags.CreateEnvironmentAsync(new NewEnvironment("shop", "production", "Production", 2), Admin);
        var checkout = await flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "new-checkout", Name = "New checkout" }, Admin);
        await flags.SetEnabledAsync("shop", "new-checkout", "production", true, checkout.StateIn("production")!.Version, Admin);
        await flags.CreateFlagAsync(new NewFlag
        {
            ProjectKey = "shop",
            Key = "banner-colour",
            Name = "Banner colour",
            Kind = FlagKind.Multivariate,
            VariantType = VariantType.String,
            Variants = [new Variant("blue", "\"blue\""), new Variant("red", "\"red\"")],
        }, Admin);
        host.Production = await host.Keys.CreateAsync(new NewSdkKey("shop", "production", "web"), Admin);
        host.Staging = await host.Keys.CreateAsync(new NewSdkKey("shop", "staging", "web"), Admin);
        return host;
    }

    public async Task<HttpResponseMessage> PostAsync(string path, string? body, string? secret, Action<HttpRequestMessage>? edit = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        if (secret is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }
        edit?.Invoke(request);
        return await Client.SendAsync(request);
    }

    private async Task WaitUntilReadyAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var response = await Client.GetAsync("/readyz");
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("The host never became ready.");
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();
}
