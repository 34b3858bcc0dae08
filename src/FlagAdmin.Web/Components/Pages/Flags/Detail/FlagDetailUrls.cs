using FlagAdmin.Core.Flags;

namespace FlagAdmin.Web.Components.Pages.Flags.Detail;

/// <summary>The addresses of the flag detail page and its htmx fragments, and the names of its forms.</summary>
public static class FlagDetailUrls
{
    public static string Page(string projectKey, string flagKey) => Paths.Flag(projectKey, flagKey);

    public static string Page(Flag flag) => Page(flag.ProjectKey, flag.Key);

    public static string Panel(Flag flag, string environmentKey) => $"{Page(flag)}/panels/{Escape(environmentKey)}";

    public static string Metadata(Flag flag) => $"{Page(flag)}/metadata";

    public static string PanelFreshness(Flag flag, string environmentKey, uint version) => $"{Panel(flag, environmentKey)}/freshness?version={version}";

    public static string MetadataFreshness(Flag flag) => $"{Metadata(flag)}/freshness?version={flag.Version}";

    public static string Events(string projectKey) => $"/projects/{Escape(projectKey)}/events";

    public static string TryIt(Flag flag) => $"{Page(flag)}/try";

    public static string AuditTrail(Flag flag) => Paths.Audit(flag.ProjectKey, flag.Key);

    public static string FlagsList(string projectKey) => Paths.Flags(projectKey);

    public static string PanelFormName(string environmentKey) => $"panel-{environmentKey}";

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
