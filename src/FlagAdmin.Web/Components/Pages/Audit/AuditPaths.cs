using System.Globalization;
using FlagAdmin.Web.Audit;

namespace FlagAdmin.Web.Components.Pages.Audit;

/// <summary>The audit trail's addresses with its filters and page cursor, and its export downloads with the same filters.</summary>
public static class AuditPaths
{
    /// <summary>The trail with <paramref name="filter"/>'s filters and cursor (its <see cref="AuditFilter.Before"/>, kept as typed).</summary>
    public static string Trail(string project, AuditFilter filter) => Paths.Audit(project) + QueryString(filter);

    /// <summary>The CSV or JSON download of every entry the filters match (the cursor left out: an export has no pages).</summary>
    public static string Export(string project, AuditFilter filter, string format) =>
        $"{Paths.Audit(project)}/export.{format}{filter.ToQueryString()}";

    /// <summary>The query string of the filters and the cursor, starting with "?", or empty.</summary>
    public static string QueryString(AuditFilter filter) =>
        long.TryParse(filter.Before, NumberStyles.None, CultureInfo.InvariantCulture, out var before) && before > 0
            ? filter.ToQueryString(before)
            : filter.ToQueryString();
}
