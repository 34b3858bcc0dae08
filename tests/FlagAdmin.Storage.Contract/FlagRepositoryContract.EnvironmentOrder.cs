using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Projects;
using Xunit;

namespace FlagAdmin.Storage.Contract;

/// <summary>Reordering environments through FlagService: one transaction, an audit entry per moved environment, all or nothing.</summary>
public abstract partial class FlagRepositoryContract
{
    private static async Task<IReadOnlyList<ProjectEnvironment>> EnvironmentsAsync(StoreUnderTest store, string projectKey) =>
        await store.Repository.ListEnvironmentsAsync(projectKey);

    private static List<EnvironmentPosition> InOrder(IReadOnlyList<ProjectEnvironment> environments, params string[] keys) =>
        [.. keys.Select(k => environments.Single(e => e.Key == k)).Select(e => new EnvironmentPosition(e.Key, e.Version))];

    [Fact]
    public async Task Reordering_environments_moves_only_those_whose_place_changes_each_with_an_audit_entry()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store); // development 10, staging 20, production 30
        var before = await EnvironmentsAsync(store, key);
        var audit = await AllAuditAsync(store, key);

        var reordered = await store.Service.ReorderEnvironmentsAsync(key, InOrder(before, "development", "production", "staging"), Bob);

        Assert.Equal(["development", "production", "staging"], reordered.Select(e => e.Key));
        Assert.Equal([10, 20, 30], reordered.Select(e => e.Order));
        Assert.Equal(reordered, await EnvironmentsAsync(store, key));
        Assert.Equal(before[0], reordered[0]);
        var entries = (await AllAuditAsync(store, key)).Except(audit).ToList();
        Assert.Equal(["production", "staging"], entries.Select(e => e.EnvironmentKey).Order());
        Assert.All(entries, e => Assert.Equal((AuditAction.EnvironmentUpdated, "bob@example.com", "incident 42"), (e.Action, e.Actor, e.Reason)));
    }

    [Fact]
    public async Task A_reorder_naming_a_version_that_is_no_longer_current_moves_nothing_and_carries_the_environments_as_they_are()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var seen = await EnvironmentsAsync(store, key);
        var production = seen.Single(e => e.Key == "production");
        await store.Service.UpdateEnvironmentAsync(new EnvironmentUpdate(key, "production", production.Version, "Prod", production.Order, true), Bob);
        var now = await EnvironmentsAsync(store, key);
        var audit = await AllAuditAsync(store, key);

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() =>
            store.Service.ReorderEnvironmentsAsync(key, InOrder(seen, "staging", "development", "production"), Alice));

        Assert.Equal(now, Assert.IsAssignableFrom<IReadOnlyList<ProjectEnvironment>>(conflict.Current));
        Assert.Equal("bob@example.com", conflict.ChangedBy);
        Assert.Equal(now, await EnvironmentsAsync(store, key));
        Assert.Equal(audit, await AllAuditAsync(store, key));
    }

    [Fact]
    public async Task Reordering_to_the_order_there_is_already_writes_nothing()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var before = await EnvironmentsAsync(store, key);
        var audit = await AllAuditAsync(store, key);

        var reordered = await store.Service.ReorderEnvironmentsAsync(key, InOrder(before, "development", "staging", "production"), Alice);

        Assert.Equal(before, reordered);
        Assert.Equal(audit, await AllAuditAsync(store, key));
    }

    [Theory]
    [InlineData("development,staging", "missing: production")]
    [InlineData("development,staging,production,staging", "'staging' is listed twice")]
    [InlineData("development,staging,production,qa", "no environment 'qa'")]
    public async Task A_reorder_that_does_not_name_each_environment_once_is_refused_and_moves_nothing(string keys, string message)
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var before = await EnvironmentsAsync(store, key);
        var order = keys.Split(',').Select(k => new EnvironmentPosition(k, before.FirstOrDefault(e => e.Key == k)?.Version ?? 1)).ToList();

        var error = await Assert.ThrowsAsync<ValidationException>(() => store.Service.ReorderEnvironmentsAsync(key, order, Alice));

        Assert.Contains(message, Assert.Single(error.Errors["environments"]));
        Assert.Equal(before, await EnvironmentsAsync(store, key));
    }

    [Fact]
    public async Task Environments_sharing_a_position_are_numbered_from_1_when_reordered()
    {
        await using var store = await CreateStoreAsync();
        var key = UniqueKey();
        await store.Service.CreateProjectAsync(new NewProject(key, "Ties"), Alice);
        foreach (var environment in new[] { "alpha", "beta", "gamma" })
        {
            await store.Service.CreateEnvironmentAsync(new NewEnvironment(key, environment, environment, 0), Alice);
        }

        var reordered = await store.Service.ReorderEnvironmentsAsync(key, InOrder(await EnvironmentsAsync(store, key), "gamma", "alpha", "beta"), Alice);

        Assert.Equal([("gamma", 1), ("alpha", 2), ("beta", 3)], reordered.Select(e => (e.Key, e.Order)));
    }
}
