using MudBlazor;

namespace FlagAdmin.Web.Components.Layout;

/// <summary>The app's MudBlazor theme (light and dark palettes), with Roboto served from wwwroot/fonts.</summary>
public static class FlagAdminTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            Secondary = "#6a1b9a",
            AppbarBackground = "#1565c0",
            Background = "#f6f7f9",
            // Darker than MudBlazor's defaults so labels, messages and their snackbars meet WCAG AA contrast (axe in the browser tests).
            TextSecondary = "rgba(0,0,0,0.62)",
            Error = "#c62828",
            Warning = "#8d5a00",
            Success = "#2e7d32",
            Info = "#1565c0",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#64b5f6",
            Secondary = "#ce93d8",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "250px" },
    };
}
