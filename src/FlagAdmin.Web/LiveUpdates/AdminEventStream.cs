using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Web.LiveUpdates;

/// <summary>
/// <c>GET /projects/{project}/events</c>: server-sent events for the admin pages of one project (htmx-ext-sse).
/// For every flag change in an environment (not the project's own changes) it sends, in this order:
/// <list type="bullet">
/// <item><c>flag-changed</c>: JSON <c>{"project","flag","environment","actor","enabled","note"}</c> (enabled null when the flag is gone, note may be null).</item>
/// <item><c>flag-changed-&lt;flag key&gt;</c>: the same JSON, for elements of one flag (<c>hx-trigger="sse:flag-changed-new-checkout"</c>).</item>
/// <item><c>flag-note</c> (only when there is a note): a one-line HTML note to swap into <c>#notes</c>.</item>
/// </list>
/// Comments (<c>: connected</c>, <c>: keep-alive</c> every 15 s) keep proxies from closing the stream.
/// </summary>
internal static class AdminEventStream
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(string project, HttpContext http, FlagService flags, AdminChangeFeed feed)
    {
        await flags.GetProjectAsync(project, http.RequestAborted);
        using var subscription = feed.Subscribe(project);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            await WriteAsync(http, ": connected\n\n");
            while (!http.RequestAborted.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
                wait.CancelAfter(KeepAlive);
                try
                {
                    var change = await subscription.Changes.ReadAsync(wait.Token);
                    if (change.Flag is not null)
                    {
                        await WriteAsync(http, Format(change));
                    }
                }
                catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
                {
                    await WriteAsync(http, ": keep-alive\n\n");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    internal static string Format(AdminFlagChange change)
    {
        var json = JsonSerializer.Serialize(new
        {
            project = change.Project,
            flag = change.Flag,
            environment = change.Environment,
            actor = change.Actor,
            enabled = change.Enabled,
            note = change.Note,
        });
        var text = new StringBuilder()
            .Append("event: flag-changed\ndata: ").Append(json).Append("\n\n")
            .Append("event: flag-changed-").Append(change.Flag).Append("\ndata: ").Append(json).Append("\n\n");
        if (change.Note is { } note)
        {
            text.Append("event: flag-note\ndata: <div class=\"toast show\" role=\"status\" data-live-note><div class=\"toast-body\"><i class=\"bi bi-broadcast me-1\" aria-hidden=\"true\"></i>")
                .Append(HtmlEncoder.Default.Encode(note)).Append("</div></div>\n\n");
        }
        return text.ToString();
    }

    private static async Task WriteAsync(HttpContext http, string text)
    {
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }
}
