namespace FlagAdmin.Web.Components.Pages.Flags;

/// <summary>The flags list's addresses with their search and filters, beside the page addresses it takes from <see cref="Paths"/>.</summary>
public static class FlagPaths
{
    public static string List(string project, FlagListQuery? query = null) =>
        WithQuery(Paths.Flags(project), query?.ToQueryString());

    public static string Detail(string project, string flag) => Paths.Flag(project, flag);

    public static string New(string project) => Paths.NewFlag(project);

    private static string WithQuery(string path, string? query) => string.IsNullOrEmpty(query) ? path : $"{path}?{query}";
}
