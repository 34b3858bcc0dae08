using System.Text.Json.Serialization;
using FlagAdmin.Core.Transfer;
using FlagAdmin.Web.Api.Http;
using FlagAdmin.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlagAdmin.Web.Api.Transfer;

/// <summary>
/// Export a project as one JSON document (docs/export-format.md) and import such a document into this or another
/// project: with <c>dryRun=true</c> only the report of what would be created, changed or left alone; otherwise the
/// changes, all validated first and then written in one transaction (see <see cref="ProjectImporter"/>). An apply with
/// <c>plan=&lt;the dry run's plan&gt;</c> is refused (409, with what the import would do now) unless it would make exactly
/// the changes that dry run reported. Importing needs an Admin.
/// </summary>
public static class TransferEndpoints
{
    /// <summary>Documents are larger than ordinary bodies: a project with thousands of flags fits.</summary>
    public const long MaxImportBytes = 16 * 1024 * 1024;

    public static RouteGroupBuilder MapTransferEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{project}/export", ExportAsync).WithName("ExportProject");
        api.MapPost("/projects/{project}/import", ImportAsync).WithName("ImportProject")
            .Accepts<ProjectDocument>("application/json");
        return api;
    }

    private static async Task<JsonHttpResult<ProjectDocument>> ExportAsync(string project, ProjectExporter exporter, CancellationToken cancellationToken) =>
        TypedResults.Json(await exporter.ExportAsync(project, cancellationToken), TransferJson.Options);

    private static async Task<Ok<ImportReportDto>> ImportAsync(string project, ProjectImporter importer, HttpContext http, CancellationToken cancellationToken)
    {
        var query = new QueryValues(http.Request.Query);
        var dryRun = query.Bool("dryRun") ?? false;
        var plan = query.Text("plan");
        query.ThrowIfAny();
        var change = http.User.ToChangeContext(ChangeReason.From(http.Request));
        var document = await ApiBodyReader.ReadAsync<ProjectDocument>(http.Request, MaxImportBytes, TransferJson.Options, cancellationToken);
        var report = await importer.ImportAsync(project, document, dryRun, change, plan, cancellationToken);
        return TypedResults.Ok(ImportReportDto.From(report));
    }
}

/// <summary>
/// What an import would do or did (see <see cref="ImportReport"/>): <see cref="ProtectedEnvironments"/> are protected once
/// imported, <see cref="ProtectedEnvironmentsChanged"/> are the protected ones (before or after) the import writes to.
/// </summary>
public sealed record ImportReportDto(
    bool DryRun,
    [property: JsonConverter(typeof(CamelCaseEnum<ImportOutcome>))] ImportOutcome Project,
    IReadOnlyList<ImportItemDto> Environments, IReadOnlyList<FlagImportDto> Flags, int Writes, string Plan,
    IReadOnlyList<string> ProtectedEnvironments, IReadOnlyList<string> ProtectedEnvironmentsChanged)
{
    public static ImportReportDto From(ImportReport r) => new(
        r.DryRun, r.Project, r.Environments.Select(ImportItemDto.From).ToList(),
        r.Flags.Select(f => new FlagImportDto(f.Key, f.Outcome, f.Environments.Select(ImportItemDto.From).ToList())).ToList(), r.Writes, r.Plan,
        r.ProtectedEnvironments, r.ProtectedEnvironmentsChanged);
}

public sealed record ImportItemDto(string Key, [property: JsonConverter(typeof(CamelCaseEnum<ImportOutcome>))] ImportOutcome Outcome)
{
    public static ImportItemDto From(EnvironmentImport e) => new(e.Key, e.Outcome);
}

public sealed record FlagImportDto(string Key, [property: JsonConverter(typeof(CamelCaseEnum<ImportOutcome>))] ImportOutcome Outcome, IReadOnlyList<ImportItemDto> Environments);
