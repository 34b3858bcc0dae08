using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Web.Api.Http;

namespace FlagAdmin.Web.Api.Flags;

/// <summary>
/// The query string of <c>GET /projects/{p}/flags</c> and of its count: the filters both take, and the ordering and paging
/// only the list takes. A list of changes (<c>modifiedSince</c>) is ordered by change and paged with <c>after</c>, never
/// by offset, so no flag changed while a client pages is skipped.
/// </summary>
internal static class FlagListParameters
{
    public static readonly string[] Filters = ["search", "tag", "owner", "archived", "environment", "enabled", "modifiedSince"];
    public static readonly string[] Ordering = ["sort", "descending", "offset", "limit", "after"];

    /// <summary>
    /// The filters. <c>archived</c> is false by default, but includes archived flags by default in a list of changes,
    /// which must show a flag that was archived.
    /// </summary>
    public static FlagQuery ReadFilters(string project, QueryValues query)
    {
        var modifiedSince = query.Time("modifiedSince");
        var archived = string.Equals(query.Text("archived"), "all", StringComparison.OrdinalIgnoreCase)
            ? null
            : query.Bool("archived") ?? (modifiedSince is null ? false : null);
        return new FlagQuery
        {
            ProjectKey = project,
            Search = query.Text("search"),
            Tags = new ValueList<string>(query.List("tag")),
            Owner = query.Text("owner"),
            Archived = archived,
            EnvironmentKey = query.Text("environment"),
            Enabled = query.Bool("enabled"),
            ModifiedSince = modifiedSince,
        };
    }

    /// <summary>The filters with the list's ordering and paging; for a list of changes, also the cursor it continues from.</summary>
    public static (FlagQuery Query, ChangesCursor? After) ReadList(string project, QueryValues query)
    {
        var filters = ReadFilters(project, query);
        var limit = query.Int("limit", 50);
        if (filters.ModifiedSince is null)
        {
            if (query.Has("after"))
            {
                query.Refuse("after", "after continues a list of changes: send it with the same modifiedSince as the first page.");
            }
            return (filters with
            {
                Sort = query.Enum<FlagSort>("sort") ?? FlagSort.Key,
                Descending = query.Bool("descending") ?? false,
                Offset = query.Int("offset", 0),
                Limit = limit,
            }, null);
        }
        if (query.Enum<FlagSort>("sort") is { } sort && sort != FlagSort.ModifiedAt)
        {
            query.Refuse("sort", "A list of changes (modifiedSince) is in the order of change, oldest first; leave out sort.");
        }
        foreach (var name in new[] { "descending", "offset" }.Where(query.Has))
        {
            query.Refuse(name, $"A list of changes (modifiedSince) is read oldest first, a page after another with after=<next>; leave out {name}.");
        }
        ChangesCursor? after = null;
        if (query.Text("after") is { } text && (after = ChangesCursor.TryDecode(text)) is null)
        {
            query.Refuse("after", $"'{text}' is not a position this API gave out: send the previous page's next unchanged.");
        }
        return (filters with { Sort = FlagSort.ModifiedAt, After = after?.Position, Limit = limit }, after);
    }
}
