using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Core.Transfer;

/// <summary>
/// Brings a project to what a <see cref="ProjectDocument"/> says: creates or updates the project, its environments
/// and flags, and each flag's state per environment, through <see cref="FlagService"/> (so every change is checked
/// and audited like any other, one entry per change). Things the store has and the document does not (flags,
/// environments) are left alone; nothing is deleted.
/// </summary>
/// <remarks>
/// All or nothing: the whole document is validated against the target first (every problem reported at once,
/// keyed by its place in the document), and nothing is written unless all of it is valid; then every change is
/// written in one transaction, so a write that still fails (a concurrent change to the same flag, the database
/// going away) leaves the store as it was (<see cref="ImportNotAppliedException"/>).
/// </remarks>
public sealed class ProjectImporter(FlagService flags)
{
    /// <param name="expectedPlan">
    /// The <see cref="ImportReport.Plan"/> of the dry run the caller reviewed, if any: the import is then applied only
    /// when it would still make exactly those changes, else <see cref="ImportPlanChangedException"/> carries what it
    /// would do now and nothing is written.
    /// </param>
    public async Task<ImportReport> ImportAsync(
        string projectKey, ProjectDocument document, bool dryRun, ChangeContext change, string? expectedPlan = null, CancellationToken cancellationToken = default)
    {
        Permissions.Require(change, Role.Admin, "Importing a project");
        var plan = await ImportPlan.BuildAsync(flags, projectKey, document, cancellationToken);
        if (!dryRun && expectedPlan is not null && plan.Fingerprint != expectedPlan)
        {
            throw new ImportPlanChangedException(plan.Report(dryRun: true));
        }
        if (!dryRun)
        {
            try
            {
                await plan.ApplyAsync(flags, ReasonFor(change, document), cancellationToken);
            }
            catch (FlagAdminException error)
            {
                throw new ImportNotAppliedException(error);
            }
        }
        return plan.Report(dryRun);
    }

    /// <summary>The reason an import's audit entries give when the person importing gave none.</summary>
    public static string DefaultReason(ProjectDocument document) =>
        $"Import of project '{document.Project.Key}'" + (document.ExportedAt is { } at ? $" exported {at:u}" : "");

    // Protected environments may require a reason; an import always has one, so it never stops halfway for want of it.
    private static ChangeContext ReasonFor(ChangeContext change, ProjectDocument document) =>
        change.Reason is not null ? change : new ChangeContext(change.Actor, DefaultReason(document), change.Role, change.Via);
}
