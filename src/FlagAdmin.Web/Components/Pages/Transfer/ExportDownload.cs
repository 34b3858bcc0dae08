using System.Globalization;
using System.Text.Json;
using FlagAdmin.Core.Transfer;
using FlagAdmin.Web.Auth;

namespace FlagAdmin.Web.Components.Pages.Transfer;

/// <summary>
/// The export of the Import / export page: the same document as <c>GET /api/v1/projects/{project}/export</c>, as a
/// file download with the browser's cookie session (the API takes bearer tokens only).
/// </summary>
/// <remarks>
/// Every signed-in role may export: the document holds only what any role already reads on the flags and settings
/// pages (flags, their states, environments), no secrets (no SDK keys, users or audit trail). Importing is for Admins.
/// </remarks>
public static class ExportDownload
{
    public static IEndpointRouteBuilder MapProjectExportDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet(TransferPaths.ExportRoute, DownloadAsync).RequireAuthorization(Policies.Viewer).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> DownloadAsync(string project, ProjectExporter exporter, TimeProvider time, HttpContext context)
    {
        var document = await exporter.ExportAsync(project, context.RequestAborted); // an unknown project is a 404 page
        var body = JsonSerializer.SerializeToUtf8Bytes(document, TransferJson.Options);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(body, "application/json; charset=utf-8", FileName(project, document.ExportedAt ?? time.GetUtcNow()));
    }

    /// <summary><c>shop-20261130T175600Z.json</c>: the project and the UTC time of the export, sortable, safe in every file system.</summary>
    public static string FileName(string project, DateTimeOffset exportedAt) =>
        $"{project}-{exportedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.json";
}
