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

    /// <summary>
    /// Answers the confirmation dialog that <paramref name="asking"/> (a click or submit still running) opened by clicking
    /// <paramref name="action"/> (e.g. "Deactivate", or "Cancel"), then waits for the handler to finish.
    /// </summary>
    public static async Task ConfirmAfterAsync<T>(this IRenderedComponent<T> ui, Task asking, string action) where T : Microsoft.AspNetCore.Components.IComponent
    {
        ui.Confirm(action);
        await asking;
    }

    /// <summary>Clicks a button of the open confirmation dialog (its action, e.g. "Deactivate", or "Cancel").</summary>
    public static void Confirm<T>(this IRenderedComponent<T> ui, string action) where T : Microsoft.AspNetCore.Components.IComponent
    {
        ui.WaitForElement(".confirm-dialog");
        ui.FindAll(".confirm-dialog button").Single(b => b.TextContent.Trim() == action).Click();
    }
}
