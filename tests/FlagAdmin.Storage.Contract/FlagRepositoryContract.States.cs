using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Targeting;
using Xunit;

namespace FlagAdmin.Storage.Contract;

public abstract partial class FlagRepositoryContract
{
    [Fact]
    public async Task Updating_a_state_with_its_current_version_replaces_it_and_returns_what_is_stored()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var created = await CreateFlagAsync(store, key, "rules", Multivariate);
        var before = created.StateIn("production")!;
        store.Time.Advance(TimeSpan.FromSeconds(3));
        ValueList<TargetingRule> rules =
        [
            new() { Name = "Staff", Conditions = [new("email", ConditionOperator.EndsWith, ["@example.com"]), new("plan", ConditionOperator.In, ["pro", "team"])], Variant = "green" },
            new() { Conditions = [new("version", ConditionOperator.SemVerGreaterThan, ["2.1.0"])], Split = [new("blue", 2_500), new("red", 7_500)] },
        ];

        var updated = await store.Repository.UpdateStateAsync(FlagStateUpdate.From(before) with
        {
            Enabled = true,
            RolloutBasisPoints = 1_250,
            OnVariant = "red",
            OffVariant = "blue",
            Rules = rules,
            Config = """{"max":3,"names":["a","b"]}""",
        }, Bob);

        var read = await StateAsync(store, key, "rules", "production");
        Assert.Equal(updated, read);
        Assert.Equal((true, 1_250, "red", "blue"), (read.Enabled, read.RolloutBasisPoints, read.OnVariant, read.OffVariant));
        Assert.Equal(rules, read.Rules);
        Assert.Equal("""{"max":3,"names":["a","b"]}""", read.Config);
        Assert.NotEqual(before.Version, read.Version);
        Assert.Equal("bob@example.com", read.UpdatedBy);
        Assert.True(read.UpdatedAt > before.UpdatedAt);
        Assert.Equal(created.StateIn("staging"), await StateAsync(store, key, "rules", "staging"));
    }

    [Fact]
    public async Task Updating_a_state_with_a_stale_version_is_a_conflict_carrying_the_current_state()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var loaded = (await CreateFlagAsync(store, key, "race")).StateIn("production")!;
        var theirs = await store.Repository.UpdateStateAsync(FlagStateUpdate.From(loaded) with { Enabled = true }, Bob);
        var auditCount = (await AllAuditAsync(store, key)).Count;

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(
            () => store.Repository.UpdateStateAsync(FlagStateUpdate.From(loaded) with { RolloutBasisPoints = 5_000 }, Alice));

        Assert.Equal(theirs, conflict.Current);
        Assert.Equal("bob@example.com", conflict.ChangedBy);
        Assert.Equal(theirs, await StateAsync(store, key, "race", "production"));
        Assert.Equal(auditCount, (await AllAuditAsync(store, key)).Count);
    }

    [Fact]
    public async Task Writes_to_different_environments_of_one_flag_do_not_conflict()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var loaded = await CreateFlagAsync(store, key, "parallel");

        foreach (var state in loaded.States)
        {
            await store.Repository.UpdateStateAsync(FlagStateUpdate.From(state) with { Enabled = true }, Alice);
        }

        var read = (await store.Repository.GetFlagAsync(key, "parallel"))!;
        Assert.All(read.States, s => Assert.True(s.Enabled));
        Assert.Equal(loaded.Flag, read.Flag);
    }

    [Fact]
    public async Task Updating_the_state_of_a_missing_flag_or_environment_is_not_found()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var state = (await CreateFlagAsync(store, key, "present")).StateIn("staging")!;

        await Assert.ThrowsAsync<NotFoundException>(() => store.Repository.UpdateStateAsync(FlagStateUpdate.From(state) with { FlagKey = "absent" }, Alice));
        await Assert.ThrowsAsync<NotFoundException>(() => store.Repository.UpdateStateAsync(FlagStateUpdate.From(state) with { EnvironmentKey = "absent" }, Alice));
        await Assert.ThrowsAsync<NotFoundException>(() => store.Repository.UpdateStateAsync(FlagStateUpdate.From(state) with { ProjectKey = UniqueKey() }, Alice));
        Assert.Single(await AllAuditAsync(store, key, q => q with { FlagKey = "present" }));
    }

    [Fact]
    public async Task Serving_a_variant_the_flag_does_not_have_is_rejected_by_the_store()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var state = (await CreateFlagAsync(store, key, "strict")).StateIn("staging")!;

        await Assert.ThrowsAsync<ValidationException>(() => store.Repository.UpdateStateAsync(FlagStateUpdate.From(state) with { OnVariant = "purple" }, Alice));

        Assert.Equal(state, await StateAsync(store, key, "strict", "staging"));
    }

    [Fact]
    public async Task Each_state_change_is_audited_with_the_action_that_names_it()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        await CreateFlagAsync(store, key, "named", Multivariate);
        var service = store.Service;
        uint Version(FlagState s) => s.Version;

        var s1 = await service.SetEnabledAsync(key, "named", "staging", true, Version(await StateAsync(store, key, "named", "staging")), Alice);
        var s2 = await service.SetRolloutAsync(key, "named", "staging", 1_250, s1.Version, Alice);
        var s3 = await service.SetRulesAsync(key, "named", "staging", [new() { Conditions = [new("country", ConditionOperator.Equals, ["NL"])], Variant = "red" }], s2.Version, Alice);
        var s4 = await service.SetServedVariantsAsync(key, "named", "staging", "green", "red", s3.Version, Alice);
        var s5 = await service.SetConfigAsync(key, "named", "staging", """{ "a" : 1 }""", s4.Version, Alice);
        await service.UpdateStateAsync(FlagStateUpdate.From(s5) with { Enabled = false, RolloutBasisPoints = 0 }, Alice);

        Assert.Equal(
            [AuditAction.FlagStateChanged, AuditAction.ConfigChanged, AuditAction.VariantsServedChanged, AuditAction.TargetingChanged, AuditAction.RolloutChanged, AuditAction.FlagToggled],
            (await AllAuditAsync(store, key, q => q with { EnvironmentKey = "staging", FlagKey = "named" })).Take(6).Select(e => e.Action));
        Assert.Equal("""{"a":1}""", s5.Config);
    }
}
