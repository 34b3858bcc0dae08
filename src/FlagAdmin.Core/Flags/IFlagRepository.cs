using FlagAdmin.Core.Common;
using FlagAdmin.Core.Projects;

namespace FlagAdmin.Core.Flags;

/// <summary>
/// The store of projects, environments and flags. Contract shared by every implementation (and proven
/// by the repository contract suite):
/// <list type="bullet">
/// <item>Every write names the version it started from; a stale version throws
/// <c>VersionConflictException</c> carrying the stored state, and nothing is written.</item>
/// <item>Every successful write stores exactly one audit entry in the same transaction; a failed write stores none.</item>
/// <item>An update that changes nothing (every field it sets equals what is stored) is a no-op: it returns the stored
/// value as it is, same version, and writes nothing, no audit entry either. The version is checked first, in the same
/// step: a stale version is a conflict even when the update would change nothing, because the caller has not seen
/// what is stored now, and answering "unchanged" would hand it a version it never looked at.</item>
/// <item>Values returned are immutable; no caller can change stored state except through a write.</item>
/// <item>Missing parents or targets throw <c>NotFoundException</c>; duplicate keys <c>AlreadyExistsException</c>;
/// a failure of the store itself a <c>StoreException</c>: <c>StoreUnavailableException</c> when it cannot be reached,
/// <c>TransactionConflictException</c> when concurrent transactions kept colliding with this call, <c>StoreFailedException</c>
/// for anything else the database refuses.</item>
/// <item>A call whose <c>CancellationToken</c> is cancelled before it stores anything (also while it waits for another
/// writer) throws <c>OperationCanceledException</c> and changes nothing, no audit entry either.</item>
/// <item>Input is expected to be validated and normalized by <c>FlagService</c>; the store re-checks only
/// what depends on stored data (variants still served, variants that exist).</item>
/// </list>
/// </summary>
public interface IFlagRepository
{
    /// <summary>All projects, by key.</summary>
    Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken = default);

    Task<Project?> GetProjectAsync(string projectKey, CancellationToken cancellationToken = default);

    /// <summary>Creates a project with no environments (<see cref="NewProject.Environments"/> are FlagService's to create). Audit: <c>ProjectCreated</c>.</summary>
    Task<Project> CreateProjectAsync(NewProject project, ChangeContext change, CancellationToken cancellationToken = default);

    /// <summary>Renames or reconfigures a project. Audit: <c>ProjectUpdated</c>.</summary>
    Task<Project> UpdateProjectAsync(ProjectUpdate update, ChangeContext change, CancellationToken cancellationToken = default);

    /// <summary>The project's environments by <see cref="ProjectEnvironment.Order"/>, then key.</summary>
    Task<IReadOnlyList<ProjectEnvironment>> ListEnvironmentsAsync(string projectKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds an environment and gives every existing flag a default (off) state in it.
    /// Audit: one <c>EnvironmentCreated</c> entry.
    /// </summary>
    Task<ProjectEnvironment> CreateEnvironmentAsync(NewEnvironment environment, ChangeContext change, CancellationToken cancellationToken = default);

    /// <summary>Renames, reorders or (un)protects an environment. Audit: <c>EnvironmentUpdated</c>.</summary>
    Task<ProjectEnvironment> UpdateEnvironmentAsync(EnvironmentUpdate update, ChangeContext change, CancellationToken cancellationToken = default);

    /// <summary>A flag with its state in every environment (environment order), or null. Archived flags are returned too.</summary>
    Task<FlagDetails?> GetFlagAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// A flag with its project and the project's environments (in order; the flag's states too), in one read from one
    /// snapshot; null when the project or the flag does not exist.
    /// </summary>
    Task<FlagInProject?> GetFlagInProjectAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of flags matching the query, ordered by the query's sort and then by key, with the total count. With
    /// <see cref="FlagQuery.ModifiedSince"/> the page carries <see cref="FlagPage.SyncedTo"/>: the read's time, or the
    /// start of the oldest write in progress on the store if earlier (as this process's clock tells it), less
    /// <see cref="SyncWatermark.ClockAllowance"/>; every change stamped before it is stored and in the answer already.
    /// </summary>
    Task<FlagPage> QueryFlagsAsync(FlagQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many flags match the query's filters (sort and paging are ignored): <see cref="FlagPage.TotalCount"/> without a page.</summary>
    Task<int> CountFlagsAsync(FlagQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The flags of a project named in <paramref name="flagKeys"/> that exist (archived too), with their states, in the
    /// order of <paramref name="flagKeys"/>, each once; from one snapshot. Nothing for an unknown project.
    /// </summary>
    Task<IReadOnlyList<FlagDetails>> GetFlagsAsync(string projectKey, IReadOnlyList<string> flagKeys, CancellationToken cancellationToken = default);

    /// <summary>Whether a flag exists: its version (as <see cref="Flag.Version"/>) when it does, null when it or its project does not.</summary>
    Task<uint?> GetFlagVersionAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="QueryFlagsAsync"/> with the project and its environments (in order), in one read from one snapshot;
    /// null when the project does not exist.
    /// </summary>
    Task<FlagListInProject?> QueryFlagsInProjectAsync(FlagQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a flag and its state in every environment of the project: off, rollout 100 %, the first
    /// variant when on and the second (or the only one) when off. Audit: <c>FlagCreated</c> with the flag as after.
    /// </summary>
    Task<FlagDetails> CreateFlagAsync(NewFlag flag, ChangeContext change, CancellationToken cancellationToken = default);

    /// <summary>Replaces a flag's metadata; fails validation when a removed variant is still served. Audit: <c>FlagUpdated</c>.</summary>
    Task<Flag> UpdateFlagAsync(FlagUpdate update, ChangeContext change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a flag's state in one environment. Conflicts only with writes to the same environment.
    /// Audit: the action naming what changed (see <c>AuditRecords.ActionFor</c>).
    /// </summary>
    Task<FlagState> UpdateStateAsync(FlagStateUpdate update, ChangeContext change, CancellationToken cancellationToken = default);

    /// <summary>Archives or restores a flag. Audit: <c>FlagArchived</c> or <c>FlagUnarchived</c>.</summary>
    Task<Flag> SetArchivedAsync(string projectKey, string flagKey, uint expectedVersion, bool archived, ChangeContext change, CancellationToken cancellationToken = default);

    /// <summary>Deletes a flag and its states; its audit history stays. Audit: <c>FlagDeleted</c> with the flag as before.</summary>
    Task DeleteFlagAsync(string projectKey, string flagKey, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="work"/> as one transaction on the repository it is handed: its reads see its own writes,
    /// and when it returns every write it made is stored together, each with its audit entry; when it throws, none is
    /// and nobody ever saw them. A write that fails inside changes nothing and <paramref name="work"/> may go on.
    /// </summary>
    /// <remarks>
    /// Others' writes to what the transaction wrote wait until it ends, and then find a version that is no longer
    /// theirs (a conflict, as between any two writers). <paramref name="work"/> makes one call at a time, writes only
    /// through the repository it is handed (writing through this one meanwhile may wait for the transaction forever),
    /// and does not keep that repository: it refuses every call once the transaction ended. A transaction inside one
    /// is part of it. A store may run <paramref name="work"/> more than once, each time on a fresh transaction (after a
    /// collision with concurrent transactions, or a connection lost before the commit), so it must have no effect other
    /// than its calls on that repository.
    /// </remarks>
    Task<T> InTransactionAsync<T>(Func<IFlagRepository, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default);
}
