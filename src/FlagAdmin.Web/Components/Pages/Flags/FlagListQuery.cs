using System.Globalization;
using System.Text;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Web.Components.Pages.Flags;

/// <summary>
/// The flags list's address bar: search, filters, sort and page as query-string values. Parsing never fails:
/// a value a person mistyped (an unknown sort, a page of "abc") falls back to the default, so a hand-edited
/// address shows a list instead of an error.
/// </summary>
public sealed record FlagListQuery
{
    public const int PageSize = 50;

    public string? Search { get; init; }
    public string? Tag { get; init; }
    public string? Owner { get; init; }
    public string? Environment { get; init; }

    /// <summary>"on", "off" or null (either).</summary>
    public string? State { get; init; }

    /// <summary>"active" (default), "archived" or "all".</summary>
    public string Archived { get; init; } = "active";

    public FlagSort Sort { get; init; } = FlagSort.Key;
    public bool Descending { get; init; }

    /// <summary>1-based.</summary>
    public int Page { get; init; } = 1;

    /// <summary>The query from the address's values (null when absent), as <see cref="ToQueryString"/> writes them.</summary>
    public static FlagListQuery Parse(string? q, string? tag, string? owner, string? env, string? state, string? archived, string? sort, string? order, string? page) => new()
    {
        Search = Text(q),
        Tag = Text(tag),
        Owner = Text(owner),
        Environment = Text(env),
        State = Text(state) is "on" or "off" ? Text(state) : null,
        Archived = Text(archived) is "archived" or "all" ? Text(archived)! : "active",
        Sort = Enum.TryParse<FlagSort>(Text(sort), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : FlagSort.Key,
        Descending = Text(order) == "desc",
        Page = int.TryParse(Text(page), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 1_000_000 ? number : 1,
    };

    public FlagQuery ToFlagQuery(string projectKey) => new()
    {
        ProjectKey = projectKey,
        Search = Search,
        Tags = Tag is null ? default : Tag.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToValueList(),
        Owner = Owner,
        EnvironmentKey = Environment,
        // On or off means something only in an environment; without one the address's "state" is ignored.
        Enabled = Environment is null ? null : State switch { "on" => true, "off" => false, _ => null },
        Archived = Archived switch { "archived" => true, "all" => null, _ => false },
        Sort = Sort,
        Descending = Descending,
        Offset = (Page - 1) * PageSize,
        Limit = PageSize,
    };

    /// <summary>The query string (without "?") that reproduces this query, leaving out defaults; empty when all are defaults.</summary>
    public string ToQueryString()
    {
        var text = new StringBuilder();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                text.Append(text.Length == 0 ? "" : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }
        Add("q", Search);
        Add("tag", Tag);
        Add("owner", Owner);
        Add("env", Environment);
        Add("state", State);
        Add("archived", Archived == "active" ? null : Archived);
        Add("sort", Sort == FlagSort.Key ? null : Sort.ToString().ToLowerInvariant());
        Add("order", Descending ? "desc" : null);
        Add("page", Page == 1 ? null : Page.ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
