using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Web.Tests.Ui.Flags;

/// <summary>Project "shop" (development, staging, production — production protected) with a few flags, for the flags list.</summary>
public static class FlagsListSeed
{
    /// <param name="flagCount">All flags of the project: new-checkout, dark-banner and flag-00003 … flag-N.</param>
    public static async Task<TestSite> StartAsync(TestSite site, bool requireReason = false, int flagCount = 2)
    {
        await site.CreateProjectAsync("shop", "Shop", requireReason, ("development", "Development", false), ("staging", "Staging", false), ("production", "Production", true));
        await site.Flags.CreateFlagAsync(new NewFlag
        {
            ProjectKey = "shop", Key = "new-checkout", Name = "New checkout", Description = "The one-page checkout",
            Tags = new[] { "checkout", "web" }.ToValueList(), Owner = "payments",
        }, TestSite.Seed);
        await site.Flags.CreateFlagAsync(new NewFlag
        {
            ProjectKey = "shop", Key = "dark-banner", Name = "Dark banner", Description = "Holiday banner",
            Tags = new[] { "web" }.ToValueList(), Owner = "marketing",
        }, TestSite.Seed);
        for (var i = 3; i <= flagCount; i++)
        {
            await site.Flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = $"flag-{i:D5}", Name = $"Flag {i}", Owner = "team" }, TestSite.Seed);
        }
        return site;
    }

    public static Task<TestSite> StartAsync(FlagAdminFactory store, bool requireReason = false, int flagCount = 2) =>
        StartAsync(new TestSite(store), requireReason, flagCount);
}
