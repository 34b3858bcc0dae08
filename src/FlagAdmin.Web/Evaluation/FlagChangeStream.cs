using System.Text;
using System.Threading.Channels;
using FlagAdmin.Core.Serving;

namespace FlagAdmin.Web.Evaluation;

/// <summary>
/// OFREP's event stream: server-sent events telling an application that flags of its environment changed
/// (<c>refetchEvaluation</c>); the application then re-runs its bulk evaluation. Notification only, so a
/// missed event costs at most one stale poll interval, never a wrong value.
/// </summary>
internal static class FlagChangeStream
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(HttpContext http, EvaluationAccess access, FlagSnapshotStore snapshots)
    {
        var snapshot = await access.AuthorizeAsync(http);
        if (snapshot is null)
        {
            return;
        }
        var changes = Channel.CreateBounded<SnapshotChange>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        void OnChanged(SnapshotChange change)
        {
            if (change.ProjectKey == snapshot.ProjectKey && change.EnvironmentKey == snapshot.EnvironmentKey)
            {
                changes.Writer.TryWrite(change);
            }
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        snapshots.Changed += OnChanged;
        try
        {
            await WriteAsync(http, ": connected\n\n");
            while (!http.RequestAborted.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
                wait.CancelAfter(KeepAlive);
                try
                {
                    var change = await changes.Reader.ReadAsync(wait.Token);
                    await WriteAsync(http, $"event: message\nid: {change.SnapshotVersion}\ndata: {{\"type\":\"refetchEvaluation\"}}\n\n");
                }
                catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
                {
                    await WriteAsync(http, ": keep-alive\n\n");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The application disconnected.
        }
        finally
        {
            snapshots.Changed -= OnChanged;
        }
    }

    private static async Task WriteAsync(HttpContext http, string text)
    {
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }
}
