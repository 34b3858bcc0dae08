using FlagAdmin.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;

namespace FlagAdmin.Web.Components;

/// <summary>Which document a request's page needs (see App.razor).</summary>
public static class PageKinds
{
    /// <summary>
    /// True for a page on <see cref="LegacyLayout"/> (static SSR with Bootstrap and htmx): it gets those assets and no
    /// MudBlazor ones, so the two stylesheets never meet on one page.
    /// </summary>
    public static bool IsLegacy(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type
            .GetCustomAttributes(typeof(LayoutAttribute), inherit: true)
            .OfType<LayoutAttribute>().FirstOrDefault()?.LayoutType == typeof(LegacyLayout);
}
