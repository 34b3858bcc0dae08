using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.SdkKeys;

namespace FlagAdmin.Core.Tests.Flags;

/// <summary>Passes everything to the memory store and counts the calls that reach it, reads and writes apart.</summary>
internal sealed class CountingRepository(IFlagRepository inner) : IFlagRepository, ISdkKeyRepository
{
    private ISdkKeyRepository Keys => (ISdkKeyRepository)inner;

    public int Writes { get; set; }
    public int Reads { get; set; }

    /// <summary>Counts the call before making it, so a write the store rejects counts too.</summary>
    private T Write<T>(Func<T> write)
    {
        Writes++;
        return write();
    }

    private T Read<T>(Func<T> read)
    {
        Reads++;
        return read();
    }

    /// <summary>Calls made inside the transaction are not counted here.</summary>
    public Task<T> InTransactionAsync<T>(Func<IFlagRepository, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) =>
        inner.InTransactionAsync(work, cancellationToken);

    public Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken = default) =>
        Read(() => inner.ListProjectsAsync(cancellationToken));

    public Task<Project?> GetProjectAsync(string projectKey, CancellationToken cancellationToken = default) =>
        Read(() => inner.GetProjectAsync(projectKey, cancellationToken));

    public Task<Project> CreateProjectAsync(NewProject project, ChangeContext change, CancellationToken cancellationToken = default) =>
        Write(() => inner.CreateProjectAsync(project, change, cancellationToken));

    public Task<Project> UpdateProjectAsync(ProjectUpdate update, ChangeContext change, CancellationToken cancellationToken = default) =>
        Write(() => inner.UpdateProjectAsync(update, change, cancellationToken));

    public Task<IReadOnlyList<ProjectEnvironment>> ListEnvironmentsAsync(string projectKey, CancellationToken cancellationToken = default) =>
        Read(() => inner.ListEnvironmentsAsync(projectKey, cancellationToken));

    public Task<ProjectEnvironment> CreateEnvironmentAsync(NewEnvironment environment, ChangeContext change, CancellationToken cancellationToken = default) =>
        Write(() => inner.CreateEnvironmentAsync(environment, change, cancellationToken));

    public Task<ProjectEnvironment> UpdateEnvironmentAsync(EnvironmentUpdate update, ChangeContext change, CancellationToken cancellationToken = default) =>
        Write(() => inner.UpdateEnvironmentAsync(update, change, cancellationToken));

    public Task<FlagDetails?> GetFlagAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default) =>
        Read(() => inner.GetFlagAsync(projectKey, flagKey, cancellationToken));

    public Task<FlagInProject?> GetFlagInProjectAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default) =>
        Read(() => inner.GetFlagInProjectAsync(projectKey, flagKey, cancellationToken));

    public Task<FlagPage> QueryFlagsAsync(FlagQuery query, CancellationToken cancellationToken = default) =>
        Read(() => inner.QueryFlagsAsync(query, cancellationToken));

    public Task<int> CountFlagsAsync(FlagQuery query, CancellationToken cancellationToken = default) =>
        Read(() => inner.CountFlagsAsync(query, cancellationToken));

    public Task<IReadOnlyList<FlagDetails>> GetFlagsAsync(string projectKey, IReadOnlyList<string> flagKeys, CancellationToken cancellationToken = default) =>
        Read(() => inner.GetFlagsAsync(projectKey, flagKeys, cancellationToken));

    public Task<uint?> GetFlagVersionAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default) =>
        Read(() => inner.GetFlagVersionAsync(projectKey, flagKey, cancellationToken));

    public Task<FlagListInProject?> QueryFlagsInProjectAsync(FlagQuery query, CancellationToken cancellationToken = default) =>
        Read(() => inner.QueryFlagsInProjectAsync(query, cancellationToken));

    public Task<FlagDetails> CreateFlagAsync(NewFlag flag, ChangeContext change, CancellationToken cancellationToken = default) =>
        Write(() => inner.CreateFlagAsync(flag, change, cancellationToken));

    public Task<Flag> UpdateFlagAsync(FlagUpdate update, ChangeContext change, CancellationToken cancellationToken = default) =>
        Write(() => inner.UpdateFlagAsync(update, change, cancellationToken));

    public Task<FlagState> UpdateStateAsync(FlagStateUpdate update, ChangeContext change, CancellationToken cancellationToken = default) =>
        Write(() => inner.UpdateStateAsync(update, change, cancellationToken));

    public Task<Flag> SetArchivedAsync(string projectKey, string flagKey, uint expectedVersion, bool archived, ChangeContext change, CancellationToken cancellationToken = default) =>
        Write(() => inner.SetArchivedAsync(projectKey, flagKey, expectedVersion, archived, change, cancellationToken));

    public Task DeleteFlagAsync(string projectKey, string flagKey, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default) =>
        Write(() => inner.DeleteFlagAsync(projectKey, flagKey, expectedVersion, change, cancellationToken));

    public Task<SdkKey> CreateSdkKeyAsync(SdkKey key, ChangeContext change, CancellationToken cancellationToken = default) =>
        Write(() => Keys.CreateSdkKeyAsync(key, change, cancellationToken));

    public Task<IReadOnlyList<SdkKey>> ListSdkKeysAsync(string projectKey, CancellationToken cancellationToken = default) =>
        Read(() => Keys.ListSdkKeysAsync(projectKey, cancellationToken));

    public Task<SdkKey?> FindSdkKeyByHashAsync(string secretHash, CancellationToken cancellationToken = default) =>
        Read(() => Keys.FindSdkKeyByHashAsync(secretHash, cancellationToken));

    public Task<SdkKey> RevokeSdkKeyAsync(string projectKey, string id, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default) =>
        Write(() => Keys.RevokeSdkKeyAsync(projectKey, id, expectedVersion, change, cancellationToken));
}
