using AngleSharp.Dom;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Users;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Auth.Matrix;

/// <summary>
/// A fresh project of one shared host for one matrix cell: environment "staging", flag "checkout", an SDK key and
/// a user to administer, all made by the process; clients keep cookies and never follow redirects.
/// </summary>
public sealed class MatrixSite
{
    private static int _sites;
    private static readonly ChangeContext Seed = new("seed@example.com");

    private MatrixSite(FlagAdminFactory factory, string project, string userId)
    {
        Factory = factory;
        Project = project;
        UserId = userId;
    }

    public FlagAdminFactory Factory { get; }

    public string Project { get; }

    /// <summary>A Viewer account that the users pages change.</summary>
    public string UserId { get; }

    public FlagService Flags => Factory.Services.GetRequiredService<FlagService>();

    public SdkKeyService SdkKeys => Factory.Services.GetRequiredService<SdkKeyService>();

    public UserService Users => Factory.Services.GetRequiredService<UserService>();

    public static async Task<MatrixSite> CreateAsync(FlagAdminFactory factory)
    {
        var project = $"matrix-{Interlocked.Increment(ref _sites)}-{Guid.NewGuid():N}"[..24];
        var flags = factory.Services.GetRequiredService<FlagService>();
        await flags.CreateProjectAsync(new NewProject(project, "Matrix"), Seed);
        await flags.CreateEnvironmentAsync(new NewEnvironment(project, "staging", "Staging", 0), Seed);
        await flags.CreateFlagAsync(new NewFlag { ProjectKey = project, Key = "checkout", Name = "Checkout" }, Seed);
        await factory.Services.GetRequiredService<SdkKeyService>().CreateAsync(new NewSdkKey(project, "staging", "existing"), Seed);
        var user = await factory.Services.GetRequiredService<UserService>()
            .CreateUserAsync(new NewUser($"{project}@example.com", "Someone", Role.Viewer, "a long enough password 42"), Seed);
        return new MatrixSite(factory, project, user.Id);
    }

    /// <summary>A browser of that role, or a signed-out one for null.</summary>
    public HttpClient Client(Role? role)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return role is { } r ? client.As(r, $"{r.ToString().ToLowerInvariant()}@example.com") : client;
    }

    public async Task<IDocument> AdminPageAsync(string path)
    {
        var response = await Client(Role.Admin).GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await HtmlPage.ParseAsync(response);
    }
}
