using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Targeting;
using Xunit;

namespace FlagAdmin.Storage.Contract;

public abstract partial class FlagRepositoryContract
{
    /// <summary>PostgreSQL cannot hold U+0000; the memory store could. Both must refuse it alike, by field, before writing.</summary>
    [Fact]
    public async Task Text_with_a_nul_character_is_refused_alike_by_every_store_naming_the_field_and_nothing_is_written()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var flag = await CreateFlagAsync(store, key, "colors", Multivariate);
        var production = flag.StateIn("production")!;
        var auditBefore = await AllAuditAsync(store, key);

        var refused = new[]
        {
            await Assert.ThrowsAsync<ValidationException>(() => store.Service.CreateProjectAsync(new NewProject(UniqueKey(), "Nul\0name"), Alice)),
            await Assert.ThrowsAsync<ValidationException>(() => store.Service.CreateEnvironmentAsync(new NewEnvironment(key, "qa", "Q\0A", 40), Alice)),
            await Assert.ThrowsAsync<ValidationException>(() => CreateFlagAsync(store, key, "described", f => f with { Description = "first line\nsecond\0line" })),
            await Assert.ThrowsAsync<ValidationException>(() => CreateFlagAsync(store, key, "owned", f => f with { Owner = "team\0a" })),
            await Assert.ThrowsAsync<ValidationException>(() => store.Service.UpdateFlagAsync(new FlagUpdate
            {
                ProjectKey = key, Key = "colors", ExpectedVersion = flag.Flag.Version, Name = "Colors",
                Variants = [.. flag.Flag.Variants.Select(v => v.Key == "red" ? v with { Value = "\"r\\u0000ed\"" } : v)],
            }, Alice)),
            await Assert.ThrowsAsync<ValidationException>(() => store.Service.UpdateStateAsync(FlagStateUpdate.From(production) with
            {
                Rules = [new TargetingRule { Conditions = [new Condition("plan", ConditionOperator.Equals, ["gold\0"])], Variant = "red" }],
            }, Alice)),
            await Assert.ThrowsAsync<ValidationException>(() => store.Service.UpdateStateAsync(FlagStateUpdate.From(production) with
            {
                Config = "{\"limit\\u0000\": 1}",
            }, Alice)),
            await Assert.ThrowsAsync<ValidationException>(() => store.Service.SetEnabledAsync(
                key, "colors", "production", true, production.Version, new ChangeContext("alice@example.com", "because\0"))),
        };

        Assert.Equal(["name", "name", "description", "owner", "variants", "rules", "config", "reason"], refused.Select(e => e.Errors.Keys.Single()));
        Assert.Equal(auditBefore, await AllAuditAsync(store, key));
        Assert.Equal(flag, await store.Repository.GetFlagAsync(key, "colors"));
    }
}
