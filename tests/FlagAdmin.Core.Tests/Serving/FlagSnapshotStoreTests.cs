using FlagAdmin.Core.Common;
using FlagAdmin.Core.Evaluation;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Serving;
using FlagAdmin.Storage.Memory;

namespace FlagAdmin.Core.Tests.Serving;

public sealed class FlagSnapshotStoreTests
{
    private static readonly ChangeContext Pm = new("pm@example.com");

    private sealed class Setup
    {
        public Setup()
        {
            Repository = new CountingRepository(new MemoryFlagRepository(TimeProvider.System));
            Snapshots = new FlagSnapshotStore(Repository);
            Service = new FlagService(Repository, Repository.Inner, Snapshots);
        }

        public CountingRepository Repository { get; }
        public FlagSnapshotStore Snapshots { get; }
        public FlagService Service { get; }

        public async Task<FlagDetails> ProjectWithFlagAsync(string projectKey = "shop", string flagKey = "checkout")
        {
            await Service.CreateProjectAsync(new NewProject(projectKey, "Shop"), Pm);
            await Service.CreateEnvironmentAsync(new NewEnvironment(projectKey, "staging", "Staging", 1), Pm);
            await Service.CreateEnvironmentAsync(new NewEnvironment(projectKey, "production", "Production", 2), Pm);
            return await Service.CreateFlagAsync(new NewFlag { ProjectKey = projectKey, Key = flagKey, Name = "Checkout" }, Pm);
        }

        public string? Serve(string projectKey, string environmentKey, string flagKey)
        {
            var snapshot = Snapshots.Find(projectKey, environmentKey)!;
            return FlagEvaluator.Evaluate(snapshot, flagKey, EvaluationContext.Empty).ValueJson;
        }
    }

    [Fact]
    public async Task A_change_made_through_the_service_is_served_before_the_call_returns()
    {
        var setup = new Setup();
        var created = await setup.ProjectWithFlagAsync();
        Assert.Equal("false", setup.Serve("shop", "production", "checkout"));

        await setup.Service.SetEnabledAsync("shop", "checkout", "production", true, created.StateIn("production")!.Version, Pm);

        Assert.Equal("true", setup.Serve("shop", "production", "checkout"));
        Assert.Equal("false", setup.Serve("shop", "staging", "checkout"));
    }

    [Fact]
    public async Task Applying_one_change_reads_that_flag_only_never_the_whole_project()
    {
        var setup = new Setup();
        await setup.ProjectWithFlagAsync();
        for (var i = 0; i < 20; i++)
        {
            await setup.Service.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = $"other-{i}", Name = "Other" }, Pm);
        }
        setup.Repository.Reset();

        await setup.Snapshots.FlagChangedAsync("shop", "checkout", "someone-else");

        Assert.Equal(0, setup.Repository.Queries);
        Assert.Equal(1, setup.Repository.Gets);
        Assert.Equal(21, setup.Snapshots.Find("shop", "production")!.Count);
    }

    [Fact]
    public async Task Loading_at_start_up_serves_every_environment_and_knows_archived_flags()
    {
        var setup = new Setup();
        var created = await setup.ProjectWithFlagAsync();
        await setup.Service.SetArchivedAsync("shop", "checkout", true, created.Flag.Version, Pm);
        var fresh = new FlagSnapshotStore(setup.Repository);
        Assert.False(fresh.IsLoaded);

        await fresh.LoadAllAsync();

        Assert.True(fresh.IsLoaded);
        var result = FlagEvaluator.Evaluate(fresh.Find("shop", "staging")!, "checkout", EvaluationContext.Empty);
        Assert.Equal(EvaluationErrorCode.FlagNotFound, result.ErrorCode);
        Assert.NotNull(fresh.Find("shop", "production"));
        Assert.Null(fresh.Find("shop", "nowhere"));
    }

    [Fact]
    public async Task Deleting_a_flag_and_adding_an_environment_reach_the_snapshots()
    {
        var setup = new Setup();
        var created = await setup.ProjectWithFlagAsync();
        var changes = new List<SnapshotChange>();
        setup.Snapshots.Changed += changes.Add;

        await setup.Service.CreateEnvironmentAsync(new NewEnvironment("shop", "qa", "QA", 3), Pm);
        Assert.Equal("false", setup.Serve("shop", "qa", "checkout"));
        await setup.Service.DeleteFlagAsync("shop", "checkout", created.Flag.Version, Pm);

        Assert.Equal(EvaluationErrorCode.FlagNotFound, FlagEvaluator.Evaluate(setup.Snapshots.Find("shop", "qa")!, "checkout", EvaluationContext.Empty).ErrorCode);
        Assert.Contains(changes, c => c is { EnvironmentKey: "qa", FlagKey: null, Actor: "pm@example.com" });
        Assert.Contains(changes, c => c is { EnvironmentKey: "production", FlagKey: "checkout" });
    }

    [Fact]
    public async Task Concurrent_writers_leave_the_snapshot_equal_to_the_store()
    {
        var setup = new Setup();
        await setup.ProjectWithFlagAsync();
        for (var i = 0; i < 8; i++)
        {
            await setup.Service.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = $"f{i}", Name = "F" }, Pm);
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            for (var n = 0; n < 25; n++)
            {
                var state = (await setup.Service.GetFlagAsync("shop", $"f{i}")).StateIn("production")!;
                await setup.Service.UpdateStateAsync(FlagStateUpdate.From(state) with { Enabled = !state.Enabled, RolloutBasisPoints = n * 100 }, Pm);
            }
        })));

        var snapshot = setup.Snapshots.Find("shop", "production")!;
        for (var i = 0; i < 8; i++)
        {
            var stored = (await setup.Service.GetFlagAsync("shop", $"f{i}")).StateIn("production")!;
            var served = snapshot.Find($"f{i}")!;
            Assert.Equal((stored.Enabled, stored.RolloutBasisPoints, stored.Version), (served.IsEnabled, served.RolloutBasisPoints, served.StateVersion));
        }
    }

    /// <summary>Counts what the snapshot store reads, to prove a single change reads a single flag.</summary>
    private sealed class CountingRepository(MemoryFlagRepository inner) : IFlagRepository
    {
        public MemoryFlagRepository Inner => inner;
        public int Queries { get; private set; }
        public int Gets { get; private set; }

        public void Reset() => (Queries, Gets) = (0, 0);

        public Task<FlagDetails?> GetFlagAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default)
        {
            Gets++;
            return inner.GetFlagAsync(projectKey, flagKey, cancellationToken);
        }

        public Task<FlagPage> QueryFlagsAsync(FlagQuery query, CancellationToken cancellationToken = default)
        {
            Queries++;
            return inner.QueryFlagsAsync(query, cancellationToken);
        }

        public Task<int> CountFlagsAsync(FlagQuery query, CancellationToken cancellationToken = default) => inner.CountFlagsAsync(query, cancellationToken);
        public Task<IReadOnlyList<FlagDetails>> GetFlagsAsync(string projectKey, IReadOnlyList<string> flagKeys, CancellationToken cancellationToken = default) => inner.GetFlagsAsync(projectKey, flagKeys, cancellationToken);
        public Task<uint?> GetFlagVersionAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default) => inner.GetFlagVersionAsync(projectKey, flagKey, cancellationToken);
        public Task<FlagListInProject?> QueryFlagsInProjectAsync(FlagQuery query, CancellationToken cancellationToken = default) => inner.QueryFlagsInProjectAsync(query, cancellationToken);
        public Task<FlagInProject?> GetFlagInProjectAsync(string projectKey, string flagKey, CancellationToken cancellationToken = default) => inner.GetFlagInProjectAsync(projectKey, flagKey, cancellationToken);
        public Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken = default) => inner.ListProjectsAsync(cancellationToken);
        public Task<T> InTransactionAsync<T>(Func<IFlagRepository, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) => inner.InTransactionAsync(work, cancellationToken);
        public Task<Project?> GetProjectAsync(string projectKey, CancellationToken cancellationToken = default) => inner.GetProjectAsync(projectKey, cancellationToken);
        public Task<Project> CreateProjectAsync(NewProject project, ChangeContext change, CancellationToken cancellationToken = default) => inner.CreateProjectAsync(project, change, cancellationToken);
        public Task<Project> UpdateProjectAsync(ProjectUpdate update, ChangeContext change, CancellationToken cancellationToken = default) => inner.UpdateProjectAsync(update, change, cancellationToken);
        public Task<IReadOnlyList<ProjectEnvironment>> ListEnvironmentsAsync(string projectKey, CancellationToken cancellationToken = default) => inner.ListEnvironmentsAsync(projectKey, cancellationToken);
        public Task<ProjectEnvironment> CreateEnvironmentAsync(NewEnvironment environment, ChangeContext change, CancellationToken cancellationToken = default) => inner.CreateEnvironmentAsync(environment, change, cancellationToken);
        public Task<ProjectEnvironment> UpdateEnvironmentAsync(EnvironmentUpdate update, ChangeContext change, CancellationToken cancellationToken = default) => inner.UpdateEnvironmentAsync(update, change, cancellationToken);
        public Task<FlagDetails> CreateFlagAsync(NewFlag flag, ChangeContext change, CancellationToken cancellationToken = default) => inner.CreateFlagAsync(flag, change, cancellationToken);
        public Task<Flag> UpdateFlagAsync(FlagUpdate update, ChangeContext change, CancellationToken cancellationToken = default) => inner.UpdateFlagAsync(update, change, cancellationToken);
        public Task<FlagState> UpdateStateAsync(FlagStateUpdate update, ChangeContext change, CancellationToken cancellationToken = default) => inner.UpdateStateAsync(update, change, cancellationToken);
        public Task<Flag> SetArchivedAsync(string projectKey, string flagKey, uint expectedVersion, bool archived, ChangeContext change, CancellationToken cancellationToken = default) => inner.SetArchivedAsync(projectKey, flagKey, expectedVersion, archived, change, cancellationToken);
        public Task DeleteFlagAsync(string projectKey, string flagKey, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default) => inner.DeleteFlagAsync(projectKey, flagKey, expectedVersion, change, cancellationToken);
    }
}
