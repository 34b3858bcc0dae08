using AngleSharp.Dom;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Ui.FlagDetail;

/// <summary>
/// The app with project "shop" (development, and production protected), a boolean flag "new-checkout" and a
/// multivariate string flag "banner" with variants a, b and c; clients act as a user of a given role.
/// </summary>
public sealed class FlagDetailHost : IAsyncDisposable
{
    public static readonly ChangeContext Seed = new("seed@example.com");

    private FlagDetailHost(FlagAdminFactory factory) => Factory = factory;

    public FlagAdminFactory Factory { get; }

    public FlagService Flags => Factory.Services.GetRequiredService<FlagService>();

    public static async Task<FlagDetailHost> StartAsync(FlagAdminFactory factory, bool requireReasons = false)
    {
        var host = new FlagDetailHost(factory);
        var flags = host.Flags;
        await flags.CreateProjectAsync(new NewProject("shop", "Shop", requireReasons), Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment("shop", "development", "Development", 0), Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment("shop", "production", "Production", 1, Protected: true), Seed);
        await flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "new-checkout", Name = "New checkout", Tags = ["checkout"], Owner = "team-pay" }, Seed);
        await flags.CreateFlagAsync(new NewFlag
        {
            ProjectKey = "shop",
            Key = "banner",
            Name = "Banner",
            Kind = FlagKind.Multivariate,
            VariantType = VariantType.String,
            Variants = [new Variant("a", "\"A\""), new Variant("b", "\"B\""), new Variant("c", "\"C\"")],
        }, Seed);
        return host;
    }

    public HttpClient Client(Role role, string email = "test.user@example.com") =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).As(role, email);

    public async Task<IDocument> PageAsync(HttpClient client, string flag = "new-checkout")
    {
        var response = await client.GetAsync($"/projects/shop/flags/{flag}");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await HtmlPage.ParseAsync(response);
    }

    public async Task<FlagState> StateAsync(string environment, string flag = "new-checkout") =>
        (await Flags.GetFlagAsync("shop", flag)).StateIn(environment)!;

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
