using System.Globalization;
using FlagAdmin.Core.Audit;
using Microsoft.AspNetCore.WebUtilities;

namespace FlagAdmin.Web.Audit;

/// <summary>
/// The audit trail's filters as they travel in the query string (flag, environment, actor, action, from, to,
/// before), shared by the pages and the exports. Times are UTC; a date alone means its
/// midnight. What a person typed wrong becomes a message per field, never an error page.
/// </summary>
public sealed record AuditFilter
{
    public string? Flag { get; init; }
    public string? Environment { get; init; }
    public string? Actor { get; init; }
    public string? Action { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }

    /// <summary>The keyset cursor: only entries older than this id (the previous page's last one).</summary>
    public string? Before { get; init; }

    public static AuditFilter FromQuery(IQueryCollection query) => Parse(
        Value(query, "flag"), Value(query, "environment"), Value(query, "actor"), Value(query, "action"), Value(query, "from"), Value(query, "to"), Value(query, "before"));

    /// <summary>The filters from the address's values as typed (null or blank when absent), each trimmed; nothing is refused here.</summary>
    public static AuditFilter Parse(string? flag, string? environment, string? actor, string? action, string? from, string? to, string? before) => new()
    {
        Flag = Text(flag),
        Environment = Text(environment),
        Actor = Text(actor),
        Action = Text(action),
        From = Text(from),
        To = Text(to),
        Before = Text(before),
    };

    /// <summary>The repository query these filters mean, or the problems with what was typed (field → message).</summary>
    public (AuditQuery? Query, IReadOnlyDictionary<string, string> Problems) ToQuery(string projectKey, int limit)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        AuditAction? action = null;
        if (Action is not null)
        {
            if (Enum.TryParse<AuditAction>(Action.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(Action, out _))
            {
                action = parsed;
            }
            else
            {
                problems["action"] = $"'{Action}' is not an action; choose one from the list.";
            }
        }
        var from = ParseTime(From, "from", "start", problems);
        var to = ParseTime(To, "to", "end", problems);
        if (from is not null && to is not null && from >= to)
        {
            problems["to"] = "The end of the time range must come after its start.";
        }
        long? before = null;
        if (Before is not null)
        {
            if (long.TryParse(Before, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                before = id;
            }
            else
            {
                problems["before"] = "The page link is not valid; start again from the newest entries.";
            }
        }
        if (problems.Count > 0)
        {
            return (null, problems);
        }
        return (new AuditQuery
        {
            ProjectKey = projectKey,
            FlagKey = Flag,
            EnvironmentKey = Environment,
            Actor = Actor,
            Action = action,
            From = from,
            To = to,
            BeforeId = before,
            Limit = limit,
        }, problems);
    }

    public bool IsFiltered => Flag is not null || Environment is not null || Actor is not null || Action is not null || From is not null || To is not null;

    /// <summary>A query string of these filters (without the cursor unless <paramref name="before"/> is given), starting with "?" or empty.</summary>
    public string ToQueryString(long? before = null)
    {
        var values = new List<KeyValuePair<string, string?>>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                values.Add(new(name, value));
            }
        }
        Add("flag", Flag);
        Add("environment", Environment);
        Add("actor", Actor);
        Add("action", Action);
        Add("from", From);
        Add("to", To);
        Add("before", before?.ToString(CultureInfo.InvariantCulture));
        return values.Count == 0 ? "" : QueryHelpers.AddQueryString("", values);
    }

    /// <summary>A typed time as a datetime-local input takes it; what cannot be read stays as typed (its message says why).</summary>
    public static string? TimeInputValue(string? typed) =>
        typed is not null && DateTimeOffset.TryParse(typed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            : typed;

    private static DateTimeOffset? ParseTime(string? text, string field, string which, Dictionary<string, string> problems)
    {
        if (text is null)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }
        problems[field] = $"'{text}' is not a time; give the {which} as 2026-11-30 or 2026-11-30T14:05 (UTC).";
        return null;
    }

    private static string? Value(IQueryCollection query, string name) => query.TryGetValue(name, out var values) ? values.ToString() : null;

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
