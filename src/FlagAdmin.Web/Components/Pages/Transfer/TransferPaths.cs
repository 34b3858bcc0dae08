namespace FlagAdmin.Web.Components.Pages.Transfer;

/// <summary>Addresses of the Import / export page and its download.</summary>
public static class TransferPaths
{
    public const string ExportRoute = "/projects/{project}/transfer/export";

    public static string Page(string project) => Paths.Transfer(project);

    public static string Export(string project) => Paths.Export(project);

    public static string Flags(string project) => Paths.Flags(project);

    public static string Audit(string project) => Paths.Audit(project);
}
