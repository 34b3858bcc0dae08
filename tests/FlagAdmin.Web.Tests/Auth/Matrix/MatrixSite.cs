using AngleSharp.Dom;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Auth.Matrix;

/// <summary>
/// A fresh project of one shared <see cref="TestSite"/> for one matrix cell: environment "staging", flag "checkout",
/// and an SDK key, all made by the process.
/// </summary>
public sealed class MatrixSite
{
    private static int _sites;

    private MatrixSite(TestSite site, string project)
    {
        Site = site;
        Project = project;
    }

    public TestSite Site { get; }

    public string Project { get; }

    public FlagService Flags => Site.Flags;

    public UserService Users => Site.Users;

    public static async Task<MatrixSite> CreateAsync(TestSite site)
    {
        var project = $"matrix-{Interlocked.Increment(ref _sites)}-{Guid.NewGuid():N}"[..24];
        await site.CreateProjectAsync(project, "Matrix", requireReason: false, ("staging", "Staging", false));
        await site.Flags.CreateFlagAsync(new NewFlag { ProjectKey = project, Key = "checkout", Name = "Checkout" }, TestSite.Seed);
        await site.SdkKeys.CreateAsync(new NewSdkKey(project, "staging", "existing"), TestSite.Seed);
        return new MatrixSite(site, project);
    }

    public Task<IDocument> AdminPageAsync(string path) => Site.Client(Role.Admin).GetPageAsync(path);
}
