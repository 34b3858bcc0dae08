using System.Text;
using System.Text.Json;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Web.Audit;

/// <summary>
/// Streams every entry matching the audit trail's filters, newest first, page by page (keyset), so an export of
/// a million entries holds one page in memory at a time. Entries written while the export runs are not in it.
/// </summary>
public static class AuditExport
{
    private const int BatchSize = AuditQuery.MaxLimit;

    public static Task CsvAsync(HttpContext context, string project, FlagService flags) =>
        ExportAsync(context, project, flags, "csv", "text/csv; charset=utf-8", async (body, entries, first, last, ct) =>
        {
            var text = new StringBuilder();
            if (first)
            {
                text.Append('\uFEFF').Append(AuditCsv.HeaderRow()); // the byte order mark makes spreadsheets read UTF-8
            }
            foreach (var entry in entries)
            {
                text.Append(AuditCsv.Row(entry));
            }
            await body.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), ct);
        });

    public static Task JsonAsync(HttpContext context, string project, FlagService flags) =>
        ExportAsync(context, project, flags, "json", "application/json; charset=utf-8", async (body, entries, first, last, ct) =>
        {
            // Entries are written one by one with a fresh writer state; the array's brackets and commas go in between.
            using var buffer = new MemoryStream();
            await using var json = new Utf8JsonWriter(buffer);
            if (first)
            {
                buffer.WriteByte((byte)'[');
            }
            for (var i = 0; i < entries.Count; i++)
            {
                if (!first || i > 0)
                {
                    buffer.WriteByte((byte)',');
                }
                WriteEntry(json, entries[i]);
                json.Flush();
                json.Reset();
            }
            if (last)
            {
                buffer.WriteByte((byte)']');
            }
            await body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
        });

    private delegate Task WriteBatch(Stream body, IReadOnlyList<AuditEntry> entries, bool first, bool last, CancellationToken cancellationToken);

    private static async Task ExportAsync(HttpContext context, string project, FlagService flags, string extension, string contentType, WriteBatch write)
    {
        var cancellationToken = context.RequestAborted;
        await flags.GetProjectAsync(project, cancellationToken);
        var (query, problems) = AuditFilter.FromQuery(context.Request.Query).ToQuery(project, BatchSize);
        if (query is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("The export was not made: " + string.Join(" ", problems.Values), cancellationToken);
            return;
        }
        // The first page is read before anything is sent, so a bad filter or a store that is down still gets a proper answer.
        var page = await flags.HistoryAsync(query, cancellationToken);
        context.Response.ContentType = contentType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{project}.{extension}\"";
        context.Response.Headers.CacheControl = "no-store";
        var first = true;
        while (true)
        {
            var last = page.NextBeforeId is null;
            await write(context.Response.Body, page.Items, first, last, cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
            if (last)
            {
                return;
            }
            first = false;
            page = await flags.HistoryAsync(query with { BeforeId = page.NextBeforeId }, cancellationToken);
        }
    }

    private static void WriteEntry(Utf8JsonWriter json, AuditEntry entry)
    {
        json.WriteStartObject();
        json.WriteNumber("id", entry.Id);
        json.WriteString("at", entry.At.ToUniversalTime());
        json.WriteString("actor", entry.Actor);
        json.WriteString("via", entry.Via);
        json.WriteString("action", AuditExportNames.Action(entry.Action));
        json.WriteString("project", entry.ProjectKey);
        json.WriteString("environment", entry.EnvironmentKey);
        json.WriteString("flag", entry.FlagKey);
        json.WriteString("reason", entry.Reason);
        WriteStoredJson(json, "before", entry.Before);
        WriteStoredJson(json, "after", entry.After);
        json.WriteEndObject();
    }

    // Before and after are JSON the store wrote; they go out as JSON values, not as strings holding JSON.
    private static void WriteStoredJson(Utf8JsonWriter json, string name, string? value)
    {
        json.WritePropertyName(name);
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteRawValue(value, skipInputValidation: false);
        }
    }
}
