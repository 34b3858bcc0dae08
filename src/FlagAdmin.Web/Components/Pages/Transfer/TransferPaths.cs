namespace FlagAdmin.Web.Components.Pages.Transfer;

/// <summary>Addresses of the Import / export page and its download.</summary>
public static class TransferPaths
{
    public const string ExportRoute = "/projects/{project}/transfer/export";

    public static string Page(string project) => $"/projects/{Uri.EscapeDataString(project)}/transfer";

    public static string Export(string project) => $"/projects/{Uri.EscapeDataString(project)}/transfer/export";

    public static string Flags(string project) => $"/projects/{Uri.EscapeDataString(project)}/flags";

    public static string Audit(string project) => $"/projects/{Uri.EscapeDataString(project)}/audit";
}
