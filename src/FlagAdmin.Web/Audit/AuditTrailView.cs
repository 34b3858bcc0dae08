using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;

namespace FlagAdmin.Web.Audit;

/// <summary>What the audit trail shows for one request: the filters as typed, their problems, and one page of entries.</summary>
public sealed record AuditTrailView(
    string ProjectKey,
    AuditFilter Filter,
    IReadOnlyList<ProjectEnvironment> Environments,
    AuditPage? Page,
    IReadOnlyDictionary<string, string> Problems)
{
    public const int PageSize = 50;

    /// <summary>Reads one page; an unknown project is a <see cref="NotFoundException"/>, bad filters are problems, not errors.</summary>
    public static async Task<AuditTrailView> LoadAsync(FlagService flags, string projectKey, AuditFilter filter, CancellationToken cancellationToken)
    {
        var environments = await flags.ListEnvironmentsAsync(projectKey, cancellationToken);
        var (query, problems) = filter.ToQuery(projectKey, PageSize);
        if (query is null)
        {
            return new AuditTrailView(projectKey, filter, environments, null, problems);
        }
        try
        {
            var page = await flags.HistoryAsync(query, cancellationToken);
            return new AuditTrailView(projectKey, filter, environments, page, problems);
        }
        catch (ValidationException e)
        {
            return new AuditTrailView(projectKey, filter, environments, null, e.Errors.ToDictionary(p => p.Key, p => string.Join(" ", p.Value)));
        }
    }
}
