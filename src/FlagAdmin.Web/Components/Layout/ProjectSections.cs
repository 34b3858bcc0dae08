using MudBlazor;

namespace FlagAdmin.Web.Components.Layout;

/// <summary>The pages of one project, in the order the navigation lists them.</summary>
public static class ProjectSections
{
    public sealed record Section(ProjectSection Key, string Label, string Icon, Func<string, string> Path, bool AdminOnly);

    public static readonly IReadOnlyList<Section> All =
    [
        new(ProjectSection.Flags, "Flags", Icons.Material.Filled.Flag, Paths.Flags, false),
        new(ProjectSection.Audit, "Audit trail", Icons.Material.Filled.History, p => Paths.Audit(p), false),
        new(ProjectSection.Settings, "Settings", Icons.Material.Filled.Settings, Paths.Settings, true),
        new(ProjectSection.SdkKeys, "SDK keys", Icons.Material.Filled.VpnKey, Paths.SdkKeys, true),
        new(ProjectSection.Transfer, "Import / export", Icons.Material.Filled.ImportExport, Paths.Transfer, false),
    ];
}
