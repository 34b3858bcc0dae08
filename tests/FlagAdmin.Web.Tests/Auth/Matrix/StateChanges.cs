using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Transfer;
using FlagAdmin.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Auth.Matrix;

/// <summary>
/// Every state-changing page form and UI endpoint of the admin web app with the least role that may use it, plus
/// the audit exports and the project export and import dry run (reads that must stay guarded). Forms are taken from the page an Admin sees, so the fields
/// are the ones a browser sends. Not here: the admin API under /api/v1 (its own role tests), the interactive pages (their
/// writes are service calls: the services' role tests, bunit and Playwright), /account/tokens and
/// /account/password (they act on the signed-in account, which the header sign-in of these tests does not store;
/// the bunit AccessTokensTests and ChangePasswordPageTests cover them), /signin, /setup and /signout.
/// </summary>
public static class StateChanges
{
    private static readonly ChangeContext Process = new("matrix@example.com");

    public static readonly IReadOnlyList<StateChange> All =
    [
        new("audit trail: export as CSV (reads only)", Role.Viewer, Htmx: false, site =>
            Task.FromResult(new MatrixPost($"/projects/{site.Project}/audit/export.csv", [], Get: true)), ProjectAudit, ChangesStore: false),
        new("audit trail: export as JSON (reads only)", Role.Viewer, Htmx: false, site =>
            Task.FromResult(new MatrixPost($"/projects/{site.Project}/audit/export.json", [], Get: true)), ProjectAudit, ChangesStore: false),
        new("import / export: download (reads only)", Role.Viewer, Htmx: false, site =>
            Task.FromResult(new MatrixPost($"/projects/{site.Project}/transfer/export", [], Get: true)), ProjectAudit, ChangesStore: false),
        new("import / export: dry run (reads only)", Role.Admin, Htmx: false, async site =>
            new(TransferPath(site), PageForm.Named(await site.AdminPageAsync(TransferPath(site)), "import-check").Set("documentText", await ChangedDocumentAsync(site)).Fields),
            ProjectAudit, ChangesStore: false),
        new("import / export: apply", Role.Admin, Htmx: false, async site =>
            new(TransferPath(site), PageForm.Named(await site.AdminPageAsync(TransferPath(site)), "import-apply")
                .Set("documentText", await ChangedDocumentAsync(site)).Set("target", site.Project).Set("confirmed", "true").Fields), ProjectAudit),
    ];

    public static StateChange Named(string name) => All.Single(change => change.Name == name);


    private static string TransferPath(MatrixSite site) => $"/projects/{site.Project}/transfer";

    // The project as exported, with the checkout flag's description changed: one change to import.
    private static async Task<string> ChangedDocumentAsync(MatrixSite site)
    {
        var exported = await site.Site.Services.GetRequiredService<ProjectExporter>().ExportAsync(site.Project);
        return TransferJson.Write(exported with { Flags = exported.Flags.Select(f => f with { Description = "Imported in the matrix" }).ToList() });
    }

    private static async Task<string> ProjectAudit(MatrixSite site) =>
        (await site.Flags.HistoryAsync(new AuditQuery { ProjectKey = site.Project, Limit = AuditQuery.MaxLimit })).Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
