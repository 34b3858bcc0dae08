using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Projects;
using Xunit;

namespace FlagAdmin.Storage.Contract;

/// <summary>A project created through FlagService with its first environments: one transaction, one audit entry each.</summary>
public abstract partial class FlagRepositoryContract
{
    [Fact]
    public async Task A_project_created_with_environments_gets_them_in_order_each_with_an_audit_entry()
    {
        await using var store = await CreateStoreAsync();
        var key = UniqueKey();

        var created = await store.Service.CreateProjectAsync(new NewProject(key, "Standard") { Environments = EnvironmentTemplate.Standard }, Bob);

        Assert.Equal(created, await store.Repository.GetProjectAsync(key));
        Assert.Equal([("development", "Development", 1, false), ("staging", "Staging", 2, false), ("production", "Production", 3, true)],
            (await store.Repository.ListEnvironmentsAsync(key)).Select(e => (e.Key, e.Name, e.Order, e.Protected)));
        var audit = await AllAuditAsync(store, key);
        Assert.Equal(
            [(AuditAction.ProjectCreated, null), (AuditAction.EnvironmentCreated, "development"), (AuditAction.EnvironmentCreated, "staging"), (AuditAction.EnvironmentCreated, "production")],
            audit.OrderBy(e => e.Id).Select(e => (e.Action, e.EnvironmentKey)));
        Assert.All(audit, e => Assert.Equal(("bob@example.com", "incident 42"), (e.Actor, e.Reason)));
    }

    [Fact]
    public async Task A_project_with_an_invalid_or_repeated_environment_is_not_created_at_all()
    {
        await using var store = await CreateStoreAsync();
        var key = UniqueKey();

        var error = await Assert.ThrowsAsync<ValidationException>(() => store.Service.CreateProjectAsync(new NewProject(key, "Broken")
        {
            Environments = [new("qa", "QA"), new("Not A Key", "Bad"), new(" qa ", "QA again"), new("prod", " ")],
        }, Alice));

        Assert.Equal(["environments[1].key", "environments[2].key", "environments[3].name"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("'qa' is listed twice", error.Errors["environments[2].key"][0]);
        Assert.Null(await store.Repository.GetProjectAsync(key));
        Assert.Empty(await AllAuditAsync(store, key));
    }

    [Fact]
    public async Task A_project_key_already_taken_adds_no_environment_to_the_existing_project()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var before = await store.Repository.ListEnvironmentsAsync(key);

        await Assert.ThrowsAsync<AlreadyExistsException>(() =>
            store.Service.CreateProjectAsync(new NewProject(key, "Again") { Environments = [new("qa", "QA")] }, Alice));

        Assert.Equal(before, await store.Repository.ListEnvironmentsAsync(key));
    }
}
