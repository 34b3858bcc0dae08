using AngleSharp.Dom;

namespace FlagAdmin.Web.Components.Tests;

public static class Markup
{
    /// <summary>The one button whose text is <paramref name="text"/>.</summary>
    public static IElement Button<T>(this IRenderedComponent<T> ui, string text) where T : Microsoft.AspNetCore.Components.IComponent =>
        ui.FindAll("button").Single(b => b.TextContent.Trim() == text);

    /// <summary>The texts of the snackbars shown now.</summary>
    public static IReadOnlyList<string> Snackbars<T>(this IRenderedComponent<T> ui) where T : Microsoft.AspNetCore.Components.IComponent =>
        ui.FindAll(".mud-snackbar .mud-snackbar-content-message").Select(m => m.TextContent.Trim()).ToList();
}
