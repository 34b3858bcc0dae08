namespace FlagAdmin.Web.Components.Pages.Flags;

/// <summary>The htmx fragments of the static flags list, beside the page addresses it takes from <see cref="Paths"/>.</summary>
public static class FlagPaths
{
    public static string List(string project, FlagListQuery? query = null) =>
        WithQuery(Paths.Flags(project), query?.ToQueryString());

    /// <summary>The table fragment the search form and pager swap in (<see cref="FlagListEndpoints"/>).</summary>
    public static string Table(string project, FlagListQuery? query = null) =>
        WithQuery($"/projects/{Escape(project)}/flags-table", query?.ToQueryString());

    public static string Toggle(string project) => $"/projects/{Escape(project)}/flags/toggle";

    public static string Row(string project, string flag, string shown) => $"/projects/{Escape(project)}/flags/{Escape(flag)}/row?shown={Escape(shown)}";

    /// <summary>The confirmation step of a toggle when JavaScript is off (protected environment, conflict, missing reason).</summary>
    public static string ConfirmToggle(string project, string flag, string environment) =>
        $"/projects/{Escape(project)}/flags/{Escape(flag)}/environments/{Escape(environment)}/confirm-toggle";

    public static string Detail(string project, string flag) => Paths.Flag(project, flag);

    public static string New(string project) => Paths.NewFlag(project);

    public static string Events(string project) => $"/projects/{Escape(project)}/events";

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string WithQuery(string path, string? query) => string.IsNullOrEmpty(query) ? path : $"{path}?{query}";
}
