namespace FlagAdmin.Web.Components.Layout;

/// <summary>The sections of a project's pages, as <see cref="ProjectNav"/> links them.</summary>
public enum ProjectSection
{
    Flags,
    Audit,
    Settings,
    SdkKeys,
    Transfer,
}
