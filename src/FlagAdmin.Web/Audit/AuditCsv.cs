using System.Globalization;
using System.Text;
using FlagAdmin.Core.Audit;

namespace FlagAdmin.Web.Audit;

/// <summary>
/// Audit entries as CSV (RFC 4180): a header row, then one row per entry. A cell that a spreadsheet would
/// read as a formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe, so an
/// actor name or reason someone typed can never run in the reader's spreadsheet.
/// </summary>
public static class AuditCsv
{
    public static readonly string[] Columns = ["id", "at", "actor", "via", "action", "project", "environment", "flag", "reason", "before", "after"];

    public static string HeaderRow() => string.Join(',', Columns) + "\r\n";

    public static string Row(AuditEntry entry)
    {
        var cells = new[]
        {
            entry.Id.ToString(CultureInfo.InvariantCulture),
            entry.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            entry.Actor,
            entry.Via,
            AuditExportNames.Action(entry.Action),
            entry.ProjectKey,
            entry.EnvironmentKey,
            entry.FlagKey,
            entry.Reason,
            entry.Before,
            entry.After,
        };
        var row = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                row.Append(',');
            }
            row.Append(Cell(cells[i]));
        }
        return row.Append("\r\n").ToString();
    }

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
