using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Projects;
using Xunit;

namespace FlagAdmin.Storage.Contract;

public abstract partial class FlagRepositoryContract
{
    [Fact]
    public async Task Created_project_is_returned_as_stored_and_listed()
    {
        await using var store = await CreateStoreAsync();
        var key = UniqueKey();

        var created = await store.Repository.CreateProjectAsync(new NewProject(key, "Checkout", true), Alice);

        Assert.Equal(created, await store.Repository.GetProjectAsync(key));
        Assert.Contains(created, await store.Repository.ListProjectsAsync());
        Assert.Equal("alice@example.com", created.CreatedBy);
        Assert.Equal(Core.Common.Clock.ToMicroseconds(store.Time.GetUtcNow()), created.CreatedAt);
        Assert.True(created.RequireReasonInProtectedEnvironments);
    }

    [Fact]
    public async Task Creating_a_project_twice_is_already_exists_and_audited_once()
    {
        await using var store = await CreateStoreAsync();
        var key = UniqueKey();
        await store.Repository.CreateProjectAsync(new NewProject(key, "One"), Alice);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => store.Repository.CreateProjectAsync(new NewProject(key, "Two"), Bob));

        Assert.Equal("One", (await store.Repository.GetProjectAsync(key))!.Name);
        Assert.Single(await AllAuditAsync(store, key));
    }

    [Fact]
    public async Task Unknown_project_reads_as_null_or_empty()
    {
        await using var store = await CreateStoreAsync();
        var key = UniqueKey();

        Assert.Null(await store.Repository.GetProjectAsync(key));
        Assert.Empty(await store.Repository.ListEnvironmentsAsync(key));
        Assert.Equal(0, (await store.Repository.QueryFlagsAsync(new() { ProjectKey = key })).TotalCount);
        Assert.Empty((await store.Audit.QueryAsync(new AuditQuery { ProjectKey = key })).Items);
    }

    [Fact]
    public async Task Updating_a_project_with_a_stale_version_is_a_conflict()
    {
        await using var store = await CreateStoreAsync();
        var key = UniqueKey();
        var created = await store.Repository.CreateProjectAsync(new NewProject(key, "One"), Alice);
        var renamed = await store.Repository.UpdateProjectAsync(new ProjectUpdate(key, created.Version, "Two", false), Bob);

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(
            () => store.Repository.UpdateProjectAsync(new ProjectUpdate(key, created.Version, "Three", false), Alice));

        Assert.NotEqual(created.Version, renamed.Version);
        Assert.Equal(renamed, conflict.Current);
        Assert.Equal("bob@example.com", conflict.ChangedBy);
        Assert.Equal("Two", (await store.Repository.GetProjectAsync(key))!.Name);
        Assert.Equal([AuditAction.ProjectUpdated, AuditAction.ProjectCreated], (await AllAuditAsync(store, key)).Select(e => e.Action));
    }

    [Fact]
    public async Task Environments_are_listed_by_order_then_key()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        await store.Repository.CreateEnvironmentAsync(new NewEnvironment(key, "qa", "QA", 20), Alice);

        var environments = await store.Repository.ListEnvironmentsAsync(key);

        Assert.Equal(["development", "qa", "staging", "production"], environments.Select(e => e.Key));
        Assert.True(environments[^1].Protected);
    }

    [Fact]
    public async Task Creating_an_environment_twice_or_in_an_unknown_project_fails_without_audit()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var before = (await AllAuditAsync(store, key)).Count;

        await Assert.ThrowsAsync<AlreadyExistsException>(
            () => store.Repository.CreateEnvironmentAsync(new NewEnvironment(key, "staging", "Again", 5), Alice));
        await Assert.ThrowsAsync<NotFoundException>(
            () => store.Repository.CreateEnvironmentAsync(new NewEnvironment(UniqueKey(), "staging", "Staging", 5), Alice));

        Assert.Equal(before, (await AllAuditAsync(store, key)).Count);
        Assert.Equal("Staging", (await store.Repository.ListEnvironmentsAsync(key)).Single(e => e.Key == "staging").Name);
    }

    [Fact]
    public async Task Reordering_an_environment_reorders_flag_states()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        await CreateFlagAsync(store, key, "checkout");
        var production = (await store.Repository.ListEnvironmentsAsync(key)).Single(e => e.Key == "production");

        var moved = await store.Repository.UpdateEnvironmentAsync(
            new EnvironmentUpdate(key, "production", production.Version, "Prod", 0, false), Bob);

        Assert.Equal(["production", "development", "staging"], (await store.Repository.ListEnvironmentsAsync(key)).Select(e => e.Key));
        Assert.Equal(["production", "development", "staging"], (await store.Repository.GetFlagAsync(key, "checkout"))!.States.Select(s => s.EnvironmentKey));
        Assert.Equal(moved, (await store.Repository.ListEnvironmentsAsync(key))[0]);
        Assert.False(moved.Protected);
        await Assert.ThrowsAsync<VersionConflictException>(() => store.Repository.UpdateEnvironmentAsync(
            new EnvironmentUpdate(key, "production", production.Version, "Again", 3, true), Alice));
        await Assert.ThrowsAsync<NotFoundException>(() => store.Repository.UpdateEnvironmentAsync(
            new EnvironmentUpdate(key, "nowhere", 1, "Nowhere", 3, true), Alice));
    }

    [Fact]
    public async Task A_new_environment_gives_every_existing_flag_a_default_state()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        await CreateFlagAsync(store, key, "alpha");
        await CreateFlagAsync(store, key, "beta", Multivariate);

        await store.Repository.CreateEnvironmentAsync(new NewEnvironment(key, "qa", "QA", 15), Bob);

        foreach (var flagKey in new[] { "alpha", "beta" })
        {
            var details = (await store.Repository.GetFlagAsync(key, flagKey))!;
            Assert.Equal(["development", "qa", "staging", "production"], details.States.Select(s => s.EnvironmentKey));
            var qa = details.StateIn("qa")!;
            Assert.False(qa.Enabled);
            Assert.Equal(10_000, qa.RolloutBasisPoints);
            Assert.Equal(details.Flag.Variants[0].Key, qa.OnVariant);
            Assert.Equal(details.Flag.Variants[1].Key, qa.OffVariant);
            Assert.Equal("bob@example.com", qa.UpdatedBy);
        }
        var created = Assert.Single(await AllAuditAsync(store, key, q => q with { Action = AuditAction.EnvironmentCreated, EnvironmentKey = "qa" }));
        Assert.Equal("incident 42", created.Reason);
    }
}
