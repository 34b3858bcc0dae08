using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;

namespace FlagAdmin.Core.Tests.Transfer;

/// <summary>Passes everything to the inner store until <see cref="WritesLeft"/> writes have been made; then every write finds the store down.</summary>
internal sealed class StoreGoingAway(IFlagRepository inner) : IFlagRepository
{
    public int WritesLeft { get; set; } = int.MaxValue;

    private Task<T> Write<T>(Func<Task<T>> write) =>
        WritesLeft-- > 0 ? write() : throw new StoreUnavailableException(new TimeoutException("The test took the store away."));

    public Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken = default) => inner.ListProjectsAsync(cancellationToken);
    public Task<Project?> GetProjectAsync(string projectKey, CancellationToken cancellationToken = default) => inner.GetProjectAsync(projectKey, cancellationToken);
    public Task<Project> CreateProjectAsync(NewProject project, ChangeContext change, CancellationToken cancellationToken = default) => Write(() => inner.CreateProjectAsync(project, change, cancellationToken));
    public Task<Project> UpdateProjectAsync(ProjectUpdate update, ChangeContext change, CancellationToken cancellationToken = default) => Write(() => inner.UpdateProjectAsync(update, change, cancellationToken));
    public Task<IReadOnlyList<ProjectEnvironment>> ListEnvironmentsAsync(string projectKey, CancellationToken cancellationToken = default) => inner.ListEnvironmentsAsync(projectKey, cancellationToken);
    public Task<ProjectEnvironment> CreateEnvironmentAsync(NewEnvironment environment, ChangeContext change, CancellationToken cancellationToken = default) => Write(() => inner.CreateEnvironmentAsync(environment, change, cancellationToken));
    public Task<ProjectEnvironment> UpdateEnvironmentAsync(EnvironmentUpdate update, ChangeContext change, CancellationToken cancellationToken = default) => Write(() => inner.UpdateEnvironmentAsync(update, change, cancellationToken));
    public Task<FlagDetails?> GetFlagAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default) => inner.GetFlagAsync(projectKey, flagKey, cancellationToken);
    public Task<FlagPage> QueryFlagsAsync(FlagQuery query, CancellationToken cancellationToken = default) => inner.QueryFlagsAsync(query, cancellationToken);
    public Task<FlagDetails> CreateFlagAsync(NewFlag flag, ChangeContext change, CancellationToken cancellationToken = default) => Write(() => inner.CreateFlagAsync(flag, change, cancellationToken));
    public Task<Flag> UpdateFlagAsync(FlagUpdate update, ChangeContext change, CancellationToken cancellationToken = default) => Write(() => inner.UpdateFlagAsync(update, change, cancellationToken));
    public Task<FlagState> UpdateStateAsync(FlagStateUpdate update, ChangeContext change, CancellationToken cancellationToken = default) => Write(() => inner.UpdateStateAsync(update, change, cancellationToken));
    public Task<Flag> SetArchivedAsync(string projectKey, string flagKey, uint expectedVersion, bool archived, ChangeContext change, CancellationToken cancellationToken = default) => Write(() => inner.SetArchivedAsync(projectKey, flagKey, expectedVersion, archived, change, cancellationToken));
    public Task DeleteFlagAsync(string projectKey, string flagKey, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default) => Write(async () => { await inner.DeleteFlagAsync(projectKey, flagKey, expectedVersion, change, cancellationToken); return true; });
}
