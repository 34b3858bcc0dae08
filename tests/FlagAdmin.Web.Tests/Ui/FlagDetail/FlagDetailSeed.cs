using AngleSharp.Dom;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Web.Tests.Ui.FlagDetail;

/// <summary>
/// Project "shop" (development, and production protected) with a boolean flag "new-checkout" and a multivariate
/// string flag "banner" with variants a, b and c, for the flag page.
/// </summary>
public static class FlagDetailSeed
{
    public static async Task<TestSite> StartAsync(FlagAdminFactory store, bool requireReasons = false)
    {
        var site = new TestSite(store);
        await site.CreateProjectAsync("shop", "Shop", requireReasons, ("development", "Development", false), ("production", "Production", true));
        await site.Flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "new-checkout", Name = "New checkout", Tags = ["checkout"], Owner = "team-pay" }, TestSite.Seed);
        await site.Flags.CreateFlagAsync(new NewFlag
        {
            ProjectKey = "shop",
            Key = "banner",
            Name = "Banner",
            Kind = FlagKind.Multivariate,
            VariantType = VariantType.String,
            Variants = [new Variant("a", "\"A\""), new Variant("b", "\"B\""), new Variant("c", "\"C\"")],
        }, TestSite.Seed);
        return site;
    }

    /// <summary>The page of a flag of project "shop".</summary>
    public static Task<IDocument> FlagPageAsync(this HttpClient client, string flag = "new-checkout") =>
        client.GetPageAsync($"/projects/shop/flags/{flag}");
}
