using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using Xunit;

namespace FlagAdmin.Storage.Contract;

/// <summary>An update that changes nothing writes nothing (no version, no audit entry); a stale one is still a conflict.</summary>
public abstract partial class FlagRepositoryContract
{
    [Fact]
    public async Task Updating_a_state_to_what_is_stored_writes_nothing_and_returns_it_unchanged()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        await CreateFlagAsync(store, key, "same", Multivariate);
        var stored = await store.Repository.UpdateStateAsync(FlagStateUpdate.From(await StateAsync(store, key, "same", "production")) with
        {
            Enabled = true,
            RolloutBasisPoints = 1_234,
            Config = """{"max":3}""",
        }, Alice);
        var audit = await AllAuditAsync(store, key);
        store.Time.Advance(TimeSpan.FromMinutes(1));

        var returned = await store.Repository.UpdateStateAsync(FlagStateUpdate.From(stored), Bob);

        Assert.Equal(stored, returned);
        Assert.Equal(stored, await StateAsync(store, key, "same", "production"));
        Assert.Equal("alice@example.com", returned.UpdatedBy);
        Assert.Equal(audit, await AllAuditAsync(store, key));
    }

    [Fact]
    public async Task Updating_a_flag_to_its_stored_metadata_writes_nothing_and_returns_it_unchanged()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var flag = (await CreateFlagAsync(store, key, "same-meta", f => Multivariate(f) with { Tags = ["checkout", "web"], Owner = "team-pay" })).Flag;
        var audit = await AllAuditAsync(store, key);
        store.Time.Advance(TimeSpan.FromMinutes(1));

        var returned = await store.Repository.UpdateFlagAsync(Unchanged(flag), Bob);

        Assert.Equal(flag, returned);
        Assert.Equal(flag, (await store.Repository.GetFlagAsync(key, "same-meta"))!.Flag);
        Assert.Equal(audit, await AllAuditAsync(store, key));
    }

    [Fact]
    public async Task Updating_a_project_or_an_environment_to_its_stored_settings_writes_nothing()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store, requireReason: true);
        var project = (await store.Repository.GetProjectAsync(key))!;
        var production = (await store.Repository.ListEnvironmentsAsync(key)).Single(e => e.Key == "production");
        var audit = await AllAuditAsync(store, key);

        var sameProject = await store.Repository.UpdateProjectAsync(new ProjectUpdate(key, project.Version, project.Name, true), Bob);
        var sameEnvironment = await store.Repository.UpdateEnvironmentAsync(
            new EnvironmentUpdate(key, "production", production.Version, production.Name, production.Order, true), Bob);

        Assert.Equal(project, sameProject);
        Assert.Equal(production, sameEnvironment);
        Assert.Equal(project, await store.Repository.GetProjectAsync(key));
        Assert.Equal(production, (await store.Repository.ListEnvironmentsAsync(key)).Single(e => e.Key == "production"));
        Assert.Equal(audit, await AllAuditAsync(store, key));
    }

    [Fact]
    public async Task An_update_that_would_change_nothing_but_names_a_stale_version_is_a_conflict()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var loaded = await CreateFlagAsync(store, key, "stale-same");
        var project = (await store.Repository.GetProjectAsync(key))!;
        var staging = (await store.Repository.ListEnvironmentsAsync(key)).Single(e => e.Key == "staging");
        var theirState = await store.Repository.UpdateStateAsync(FlagStateUpdate.From(loaded.StateIn("staging")!) with { Enabled = true }, Bob);
        var theirFlag = await store.Repository.UpdateFlagAsync(Unchanged(loaded.Flag) with { Name = "Renamed" }, Bob);
        var theirProject = await store.Repository.UpdateProjectAsync(new ProjectUpdate(key, project.Version, "Renamed", false), Bob);
        var theirEnvironment = await store.Repository.UpdateEnvironmentAsync(new EnvironmentUpdate(key, "staging", staging.Version, "Renamed", staging.Order, false), Bob);
        var audit = await AllAuditAsync(store, key);

        // Each names the version Alice loaded and exactly what Bob stored since.
        var state = await Assert.ThrowsAsync<VersionConflictException>(() => store.Repository.UpdateStateAsync(FlagStateUpdate.From(theirState) with { ExpectedVersion = loaded.StateIn("staging")!.Version }, Alice));
        var flag = await Assert.ThrowsAsync<VersionConflictException>(() => store.Repository.UpdateFlagAsync(Unchanged(theirFlag) with { ExpectedVersion = loaded.Flag.Version }, Alice));
        var projectConflict = await Assert.ThrowsAsync<VersionConflictException>(() => store.Repository.UpdateProjectAsync(new ProjectUpdate(key, project.Version, "Renamed", false), Alice));
        var environment = await Assert.ThrowsAsync<VersionConflictException>(() => store.Repository.UpdateEnvironmentAsync(new EnvironmentUpdate(key, "staging", staging.Version, "Renamed", staging.Order, false), Alice));

        Assert.Equal(new object?[] { theirState, theirFlag, theirProject, theirEnvironment }, [state.Current, flag.Current, projectConflict.Current, environment.Current]);
        Assert.Equal(audit, await AllAuditAsync(store, key));
    }

    [Fact]
    public async Task A_no_op_inside_a_transaction_writes_nothing_either()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var loaded = await CreateFlagAsync(store, key, "tx-same");
        var audit = await AllAuditAsync(store, key);

        var returned = await store.Repository.InTransactionAsync(async (transaction, ct) =>
            (await transaction.UpdateFlagAsync(Unchanged(loaded.Flag), Bob, ct),
             await transaction.UpdateStateAsync(FlagStateUpdate.From(loaded.StateIn("development")!), Bob, ct)));

        Assert.Equal((loaded.Flag, loaded.StateIn("development")), returned);
        Assert.Equal(loaded, await store.Repository.GetFlagAsync(key, "tx-same"));
        Assert.Equal(audit, await AllAuditAsync(store, key));
    }

    private static FlagUpdate Unchanged(Flag flag) => new()
    {
        ProjectKey = flag.ProjectKey,
        Key = flag.Key,
        ExpectedVersion = flag.Version,
        Name = flag.Name,
        Description = flag.Description,
        Variants = flag.Variants,
        Tags = flag.Tags,
        Owner = flag.Owner,
    };
}
