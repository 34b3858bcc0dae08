using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;

namespace FlagAdmin.Core.Tests.Transfer;

/// <summary>
/// Passes everything to the inner store, and lets a test interfere: after <see cref="WritesLeft"/> writes (in or
/// out of a transaction) every write finds the store down; <see cref="AfterFlagRead"/> runs right after a flag is
/// read outside a transaction (as someone else changing it just then).
/// </summary>
internal sealed class InterferingStore(IFlagRepository inner) : IFlagRepository
{
    private InterferingStore? _outer;
    private int _writesLeft = int.MaxValue;

    public int WritesLeft
    {
        get => _outer?.WritesLeft ?? _writesLeft;
        set
        {
            if (_outer is null)
            {
                _writesLeft = value;
            }
            else
            {
                _outer.WritesLeft = value;
            }
        }
    }

    private Task<T> Write<T>(Func<Task<T>> write) =>
        WritesLeft-- > 0 ? write() : throw new StoreUnavailableException(new TimeoutException("The test took the store away."));

    public Task<T> InTransactionAsync<T>(Func<IFlagRepository, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) =>
        inner.InTransactionAsync((transactional, ct) => work(new InterferingStore(transactional) { _outer = this }, ct), cancellationToken);

    public Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken = default) => inner.ListProjectsAsync(cancellationToken);
    public Task<Project?> GetProjectAsync(string projectKey, CancellationToken cancellationToken = default) => inner.GetProjectAsync(projectKey, cancellationToken);
    public Task<Project> CreateProjectAsync(NewProject project, ChangeContext change, CancellationToken cancellationToken = default) => Write(() => inner.CreateProjectAsync(project, change, cancellationToken));
    public Task<Project> UpdateProjectAsync(ProjectUpdate update, ChangeContext change, CancellationToken cancellationToken = default) => Write(() => inner.UpdateProjectAsync(update, change, cancellationToken));
    public Task<IReadOnlyList<ProjectEnvironment>> ListEnvironmentsAsync(string projectKey, CancellationToken cancellationToken = default) => inner.ListEnvironmentsAsync(projectKey, cancellationToken);
    public Task<ProjectEnvironment> CreateEnvironmentAsync(NewEnvironment environment, ChangeContext change, CancellationToken cancellationToken = default) => Write(() => inner.CreateEnvironmentAsync(environment, change, cancellationToken));
    public Task<ProjectEnvironment> UpdateEnvironmentAsync(EnvironmentUpdate update, ChangeContext change, CancellationToken cancellationToken = default) => Write(() => inner.UpdateEnvironmentAsync(update, change, cancellationToken));
    public Func<string, Task>? AfterFlagRead { get; set; }

    public async Task<FlagDetails?> GetFlagAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default)
    {
        var found = await inner.GetFlagAsync(projectKey, flagKey, cancellationToken);
        if (_outer is null && AfterFlagRead is { } interfere)
        {
            await interfere(flagKey);
        }
        return found;
    }

    public Task<FlagInProject?> GetFlagInProjectAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default) => inner.GetFlagInProjectAsync(projectKey, flagKey, cancellationToken);
    public Task<FlagPage> QueryFlagsAsync(FlagQuery query, CancellationToken cancellationToken = default) => inner.QueryFlagsAsync(query, cancellationToken);
    public Task<int> CountFlagsAsync(FlagQuery query, CancellationToken cancellationToken = default) => inner.CountFlagsAsync(query, cancellationToken);
    public Task<IReadOnlyList<FlagDetails>> GetFlagsAsync(string projectKey, IReadOnlyList<string> flagKeys, CancellationToken cancellationToken = default) => inner.GetFlagsAsync(projectKey, flagKeys, cancellationToken);
    public Task<uint?> GetFlagVersionAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default) => inner.GetFlagVersionAsync(projectKey, flagKey, cancellationToken);
    public Task<FlagListInProject?> QueryFlagsInProjectAsync(FlagQuery query, CancellationToken cancellationToken = default) => inner.QueryFlagsInProjectAsync(query, cancellationToken);
    public Task<FlagDetails> CreateFlagAsync(NewFlag flag, ChangeContext change, CancellationToken cancellationToken = default) => Write(() => inner.CreateFlagAsync(flag, change, cancellationToken));
    public Task<Flag> UpdateFlagAsync(FlagUpdate update, ChangeContext change, CancellationToken cancellationToken = default) => Write(() => inner.UpdateFlagAsync(update, change, cancellationToken));
    public Task<FlagState> UpdateStateAsync(FlagStateUpdate update, ChangeContext change, CancellationToken cancellationToken = default) => Write(() => inner.UpdateStateAsync(update, change, cancellationToken));
    public Task<Flag> SetArchivedAsync(string projectKey, string flagKey, uint expectedVersion, bool archived, ChangeContext change, CancellationToken cancellationToken = default) => Write(() => inner.SetArchivedAsync(projectKey, flagKey, expectedVersion, archived, change, cancellationToken));
    public Task DeleteFlagAsync(string projectKey, string flagKey, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default) => Write(async () => { await inner.DeleteFlagAsync(projectKey, flagKey, expectedVersion, change, cancellationToken); return true; });
}
