using AngleSharp.Dom;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Tests.Auth.Matrix;

/// <summary>
/// A fresh project of one shared <see cref="TestSite"/> for one matrix cell: environment "staging", flag "checkout",
/// an SDK key and a user to administer, all made by the process.
/// </summary>
public sealed class MatrixSite
{
    private static int _sites;

    private MatrixSite(TestSite site, string project, string userId)
    {
        Site = site;
        Project = project;
        UserId = userId;
    }

    public TestSite Site { get; }

    public string Project { get; }

    /// <summary>A Viewer account that the users pages change.</summary>
    public string UserId { get; }

    public FlagService Flags => Site.Flags;

    public UserService Users => Site.Users;

    public static async Task<MatrixSite> CreateAsync(TestSite site)
    {
        var project = $"matrix-{Interlocked.Increment(ref _sites)}-{Guid.NewGuid():N}"[..24];
        await site.CreateProjectAsync(project, "Matrix", requireReason: false, ("staging", "Staging", false));
        await site.Flags.CreateFlagAsync(new NewFlag { ProjectKey = project, Key = "checkout", Name = "Checkout" }, TestSite.Seed);
        await site.SdkKeys.CreateAsync(new NewSdkKey(project, "staging", "existing"), TestSite.Seed);
        var user = await site.Users.CreateUserAsync(new NewUser($"{project}@example.com", "Someone", Role.Viewer, "a long enough password 42"), TestSite.Seed);
        return new MatrixSite(site, project, user.Id);
    }

    public Task<IDocument> AdminPageAsync(string path) => Site.Client(Role.Admin).GetPageAsync(path);
}
