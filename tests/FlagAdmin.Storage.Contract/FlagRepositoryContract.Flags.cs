using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using Xunit;

namespace FlagAdmin.Storage.Contract;

public abstract partial class FlagRepositoryContract
{
    [Fact]
    public async Task Created_flag_has_an_off_state_in_every_environment_in_order()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);

        var created = await CreateFlagAsync(store, key, "new-checkout", f => f with { Tags = ["payments", "beta"], Owner = "team-pay" });

        var read = await store.Repository.GetFlagAsync(key, "new-checkout");
        Assert.Equal(created, read);
        Assert.Equal(["development", "staging", "production"], read!.States.Select(s => s.EnvironmentKey));
        Assert.All(read.States, s =>
        {
            Assert.False(s.Enabled);
            Assert.Equal(10_000, s.RolloutBasisPoints);
            Assert.Equal("on", s.OnVariant);
            Assert.Equal("off", s.OffVariant);
            Assert.Empty(s.Rules);
            Assert.Null(s.Config);
        });
        Assert.Equal(FlagKind.Boolean, read.Flag.Kind);
        Assert.Equal([Variant.On, Variant.Off], read.Flag.Variants);
        Assert.Equal(["beta", "payments"], read.Flag.Tags);
        Assert.Equal("team-pay", read.Flag.Owner);
        Assert.Equal(Clock.ToMicroseconds(store.Time.GetUtcNow()), read.Flag.CreatedAt);
        Assert.Equal(TimeSpan.Zero, read.Flag.CreatedAt.Offset);
    }

    [Fact]
    public async Task Multivariate_flag_keeps_its_typed_variants()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);

        await CreateFlagAsync(store, key, "limits", f => f with
        {
            Kind = FlagKind.Multivariate,
            VariantType = VariantType.Object,
            Variants = [new Variant("small", """{ "limit": 10, "name": "small" }""", "For trials"), new Variant("large", """{"limit":1000}""")],
        });

        var flag = (await store.Repository.GetFlagAsync(key, "limits"))!.Flag;
        Assert.Equal([new Variant("small", """{"limit":10,"name":"small"}""", "For trials"), new Variant("large", """{"limit":1000}""")], flag.Variants);
        Assert.Equal(VariantType.Object, flag.VariantType);
    }

    [Fact]
    public async Task Duplicate_flag_key_is_already_exists_and_writes_no_audit()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var original = await CreateFlagAsync(store, key, "dup");
        var auditCount = (await AllAuditAsync(store, key)).Count;

        await Assert.ThrowsAsync<AlreadyExistsException>(() => CreateFlagAsync(store, key, "dup", f => f with { Name = "Other" }));

        Assert.Equal(original, await store.Repository.GetFlagAsync(key, "dup"));
        Assert.Equal(auditCount, (await AllAuditAsync(store, key)).Count);
    }

    [Fact]
    public async Task The_same_flag_key_may_exist_in_two_projects_independently()
    {
        await using var store = await CreateStoreAsync();
        var first = await CreateProjectAsync(store);
        var second = await CreateProjectAsync(store);
        var inFirst = await CreateFlagAsync(store, first, "shared-key");
        var inSecond = await CreateFlagAsync(store, second, "shared-key");

        await store.Service.SetEnabledAsync(second, "shared-key", "production", true, inSecond.StateIn("production")!.Version, Alice);

        Assert.False((await StateAsync(store, first, "shared-key", "production")).Enabled);
        Assert.True((await StateAsync(store, second, "shared-key", "production")).Enabled);
        Assert.Equal(inFirst, await store.Repository.GetFlagAsync(first, "shared-key"));
        Assert.DoesNotContain(await AllAuditAsync(store, first), e => e.ProjectKey != first);
        Assert.Equal(["shared-key"], (await store.Repository.QueryFlagsAsync(new FlagQuery { ProjectKey = first })).Items.Select(d => d.Flag.Key));
    }

    [Fact]
    public async Task Creating_a_flag_in_an_unknown_project_is_not_found()
    {
        await using var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => CreateFlagAsync(store, UniqueKey(), "orphan"));
    }

    [Fact]
    public async Task Updating_metadata_replaces_it_and_bumps_the_flag_version_only()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var created = await CreateFlagAsync(store, key, "meta");
        store.Time.Advance(TimeSpan.FromMinutes(5));

        var updated = await store.Repository.UpdateFlagAsync(new FlagUpdate
        {
            ProjectKey = key,
            Key = "meta",
            ExpectedVersion = created.Flag.Version,
            Name = "Renamed",
            Description = "New words",
            Variants = created.Flag.Variants,
            Tags = ["ops"],
            Owner = "sre",
        }, Bob);

        var read = (await store.Repository.GetFlagAsync(key, "meta"))!;
        Assert.Equal(updated, read.Flag);
        Assert.Equal(("Renamed", "New words", "sre"), (read.Flag.Name, read.Flag.Description, read.Flag.Owner));
        Assert.Equal(["ops"], read.Flag.Tags);
        Assert.NotEqual(created.Flag.Version, read.Flag.Version);
        Assert.Equal(created.Flag.CreatedAt, read.Flag.CreatedAt);
        Assert.Equal(Clock.ToMicroseconds(store.Time.GetUtcNow()), read.Flag.UpdatedAt);
        Assert.Equal("bob@example.com", read.Flag.UpdatedBy);
        Assert.Equal(created.States, read.States);
    }

    [Fact]
    public async Task Updating_metadata_with_a_stale_version_is_a_conflict_naming_who_changed_it()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var created = await CreateFlagAsync(store, key, "meta");
        var update = new FlagUpdate { ProjectKey = key, Key = "meta", ExpectedVersion = created.Flag.Version, Name = "First", Variants = created.Flag.Variants };
        var first = await store.Repository.UpdateFlagAsync(update, Bob);
        var auditCount = (await AllAuditAsync(store, key)).Count;

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() => store.Repository.UpdateFlagAsync(update with { Name = "Second" }, Alice));

        Assert.Equal(first, conflict.Current);
        Assert.Equal("bob@example.com", conflict.ChangedBy);
        Assert.Equal(first.UpdatedAt, conflict.ChangedAt);
        Assert.Equal("First", (await store.Repository.GetFlagAsync(key, "meta"))!.Flag.Name);
        Assert.Equal(auditCount, (await AllAuditAsync(store, key)).Count);
    }

    [Fact]
    public async Task Removing_a_variant_that_an_environment_serves_is_rejected()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var created = await CreateFlagAsync(store, key, "colour", Multivariate);
        var auditCount = (await AllAuditAsync(store, key)).Count;

        var error = await Assert.ThrowsAsync<ValidationException>(() => store.Repository.UpdateFlagAsync(new FlagUpdate
        {
            ProjectKey = key,
            Key = "colour",
            ExpectedVersion = created.Flag.Version,
            Name = "Colour",
            Variants = [new Variant("green", "\"green\""), new Variant("red", "\"red\"")],
        }, Alice));

        Assert.Contains("'blue'", error.Message);
        Assert.Equal(created, await store.Repository.GetFlagAsync(key, "colour"));
        Assert.Equal(auditCount, (await AllAuditAsync(store, key)).Count);
    }

    [Fact]
    public async Task Metadata_and_state_edits_started_from_the_same_read_do_not_conflict()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var loaded = await CreateFlagAsync(store, key, "both");

        await store.Repository.UpdateStateAsync(FlagStateUpdate.From(loaded.StateIn("staging")!) with { Enabled = true }, Alice);
        await store.Repository.UpdateFlagAsync(new FlagUpdate { ProjectKey = key, Key = "both", ExpectedVersion = loaded.Flag.Version, Name = "Both", Variants = loaded.Flag.Variants }, Bob);

        var read = (await store.Repository.GetFlagAsync(key, "both"))!;
        Assert.Equal("Both", read.Flag.Name);
        Assert.True(read.StateIn("staging")!.Enabled);
    }

    [Fact]
    public async Task Archiving_and_restoring_are_versioned_and_audited()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var created = await CreateFlagAsync(store, key, "old");

        var archived = await store.Repository.SetArchivedAsync(key, "old", created.Flag.Version, true, Alice);
        await Assert.ThrowsAsync<VersionConflictException>(() => store.Repository.SetArchivedAsync(key, "old", created.Flag.Version, false, Bob));
        var restored = await store.Repository.SetArchivedAsync(key, "old", archived.Version, false, Bob);

        Assert.True(archived.Archived);
        Assert.False(restored.Archived);
        Assert.Equal(restored, (await store.Repository.GetFlagAsync(key, "old"))!.Flag);
        Assert.Equal(
            [AuditAction.FlagUnarchived, AuditAction.FlagArchived, AuditAction.FlagCreated],
            (await AllAuditAsync(store, key, q => q with { FlagKey = "old" })).Select(e => e.Action));
    }

    [Fact]
    public async Task Deleting_a_flag_removes_it_and_keeps_its_history()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var created = await CreateFlagAsync(store, key, "doomed");
        await store.Repository.UpdateStateAsync(FlagStateUpdate.From(created.StateIn("production")!) with { Enabled = true }, Alice);

        await Assert.ThrowsAsync<VersionConflictException>(() => store.Repository.DeleteFlagAsync(key, "doomed", created.Flag.Version + 1, Bob));
        await store.Repository.DeleteFlagAsync(key, "doomed", created.Flag.Version, Bob);

        Assert.Null(await store.Repository.GetFlagAsync(key, "doomed"));
        Assert.Equal(0, (await store.Repository.QueryFlagsAsync(new FlagQuery { ProjectKey = key, Archived = null })).TotalCount);
        await Assert.ThrowsAsync<NotFoundException>(() => store.Repository.DeleteFlagAsync(key, "doomed", created.Flag.Version, Bob));
        var history = await AllAuditAsync(store, key, q => q with { FlagKey = "doomed" });
        Assert.Equal([AuditAction.FlagDeleted, AuditAction.FlagToggled, AuditAction.FlagCreated], history.Select(e => e.Action));
        Assert.Null(history[0].After);
        Assert.Contains("\"key\":\"doomed\"", history[0].Before);

        var recreated = await CreateFlagAsync(store, key, "doomed");
        Assert.All(recreated.States, s => Assert.False(s.Enabled));
    }

    [Fact]
    public async Task Returned_values_never_change_when_the_store_changes()
    {
        await using var store = await CreateStoreAsync();
        var key = await CreateProjectAsync(store);
        var created = await CreateFlagAsync(store, key, "frozen");
        var read = (await store.Repository.GetFlagAsync(key, "frozen"))!;
        var page = await store.Repository.QueryFlagsAsync(new FlagQuery { ProjectKey = key });
        var snapshot = FlagAdminJson.Serialize(read);

        await store.Repository.UpdateStateAsync(FlagStateUpdate.From(read.StateIn("development")!) with { Enabled = true, RolloutBasisPoints = 1 }, Alice);
        await store.Repository.UpdateFlagAsync(new FlagUpdate { ProjectKey = key, Key = "frozen", ExpectedVersion = read.Flag.Version, Name = "Changed", Variants = read.Flag.Variants, Tags = ["x"] }, Alice);

        Assert.Equal(snapshot, FlagAdminJson.Serialize(read));
        Assert.Equal(snapshot, FlagAdminJson.Serialize(page.Items[0]));
        Assert.Equal(created, read);
        Assert.NotEqual(read, await store.Repository.GetFlagAsync(key, "frozen"));
    }
}
