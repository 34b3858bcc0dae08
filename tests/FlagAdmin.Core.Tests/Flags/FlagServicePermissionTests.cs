using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Core.Targeting;
using FlagAdmin.Core.Users;
using FlagAdmin.Storage.Memory;

namespace FlagAdmin.Core.Tests.Flags;

/// <summary>
/// Every role against every write of FlagService and SdkKeyService: allowed writes are stored with their audit
/// entry; forbidden ones throw <see cref="ForbiddenException"/> and leave the store exactly as it was.
/// </summary>
public sealed class FlagServicePermissionTests : IDisposable
{
    private const string Shop = "shop";
    private const string Checkout = "checkout";
    private const string Color = "color";
    private const string Retired = "retired";
    private const string Dev = "development";

    private static readonly ChangeContext Seeder = new("seed@example.com");

    // Before Operations: static fields are initialized in order.
    private static readonly TargetingRule BetaRule = new()
    {
        Name = "beta",
        Conditions = [new Condition("plan", ConditionOperator.Equals, ["beta"])],
        Variant = "green",
    };

    private readonly MemoryFlagRepository _store = new(TimeProvider.System);
    private readonly CountingRepository _repository;
    private readonly FlagService _flags;
    private readonly SdkKeyService _keys;
    private string _keyId = "";

    public FlagServicePermissionTests()
    {
        _repository = new CountingRepository(_store);
        _flags = new FlagService(_repository, _store);
        _keys = new SdkKeyService(_repository, new SdkKeyCache(_repository, TimeProvider.System), TimeProvider.System);
    }

    public void Dispose() => _store.Dispose();

    /// <summary>A write, the role it needs, and whether even refusing it may read the store (when the answer depends on what is stored).</summary>
    private sealed record Operation(Role Needed, bool DecidedByContent, Func<FlagServicePermissionTests, ChangeContext, Task> Run);

    private static readonly Dictionary<string, Operation> Operations = new()
    {
        ["create project"] = new(Role.Admin, false, (t, c) => t._flags.CreateProjectAsync(new NewProject("other", "Other"), c)),
        ["update project"] = new(Role.Admin, false, async (t, c) =>
            await t._flags.UpdateProjectAsync(new ProjectUpdate(Shop, (await t._store.GetProjectAsync(Shop))!.Version, "Shop 2", false), c)),
        ["create environment"] = new(Role.Admin, false, (t, c) => t._flags.CreateEnvironmentAsync(new NewEnvironment(Shop, "qa", "QA", 5), c)),
        ["update environment"] = new(Role.Admin, false, async (t, c) =>
            await t._flags.UpdateEnvironmentAsync(new EnvironmentUpdate(Shop, Dev, (await t._store.ListEnvironmentsAsync(Shop))[0].Version, "Dev", 10, false), c)),
        ["create flag"] = new(Role.Admin, false, (t, c) => t._flags.CreateFlagAsync(new NewFlag { ProjectKey = Shop, Key = "fresh", Name = "Fresh" }, c)),
        ["edit name, description, tags and owner"] = new(Role.Editor, false, (t, c) =>
        {
            var flag = t.Flag(Color);
            return t._flags.UpdateFlagAsync(new FlagUpdate
            {
                ProjectKey = Shop,
                Key = Color,
                ExpectedVersion = flag.Version,
                Name = "Colour",
                Description = "The button's colour",
                Tags = ["ui"],
                Owner = "growth",
                Variants = flag.Variants,
            }, c);
        }),
        ["edit variants"] = new(Role.Admin, true, (t, c) =>
        {
            var flag = t.Flag(Color);
            return t._flags.UpdateFlagAsync(new FlagUpdate
            {
                ProjectKey = Shop,
                Key = Color,
                ExpectedVersion = flag.Version,
                Name = flag.Name,
                Variants = [.. flag.Variants, new Variant("red", "\"red\"")],
            }, c);
        }),
        ["toggle"] = new(Role.Editor, false, (t, c) => t._flags.SetEnabledAsync(Shop, Checkout, Dev, true, t.State(Checkout).Version, c)),
        ["set rollout"] = new(Role.Admin, false, (t, c) => t._flags.SetRolloutAsync(Shop, Checkout, Dev, 2_500, t.State(Checkout).Version, c)),
        ["set rules"] = new(Role.Admin, false, (t, c) => t._flags.SetRulesAsync(Shop, Color, Dev, [BetaRule with { Name = "beta testers" }], t.State(Color).Version, c)),
        ["set served variants"] = new(Role.Admin, false, (t, c) => t._flags.SetServedVariantsAsync(Shop, Color, Dev, "green", "blue", t.State(Color).Version, c)),
        ["set config"] = new(Role.Admin, false, (t, c) => t._flags.SetConfigAsync(Shop, Color, Dev, "{\"retries\":3}", t.State(Color).Version, c)),
        ["replace state, only on/off differs"] = new(Role.Editor, false, (t, c) =>
            t._flags.UpdateStateAsync(FlagStateUpdate.From(t.State(Color)) with { Enabled = true }, c)),
        ["replace state with another rollout"] = new(Role.Admin, true, (t, c) =>
            t._flags.UpdateStateAsync(FlagStateUpdate.From(t.State(Color)) with { Enabled = true, RolloutBasisPoints = 5_000 }, c)),
        ["replace state with other rules"] = new(Role.Admin, true, (t, c) =>
            t._flags.UpdateStateAsync(FlagStateUpdate.From(t.State(Color)) with { Rules = [] }, c)),
        ["replace state with other served variants"] = new(Role.Admin, true, (t, c) =>
            t._flags.UpdateStateAsync(FlagStateUpdate.From(t.State(Color)) with { OnVariant = "green" }, c)),
        ["replace state with another config"] = new(Role.Admin, true, (t, c) =>
            t._flags.UpdateStateAsync(FlagStateUpdate.From(t.State(Color)) with { Config = "{\"limit\":2}" }, c)),
        ["archive"] = new(Role.Admin, false, (t, c) => t._flags.SetArchivedAsync(Shop, Checkout, true, t.Flag(Checkout).Version, c)),
        ["unarchive"] = new(Role.Admin, false, (t, c) => t._flags.SetArchivedAsync(Shop, Retired, false, t.Flag(Retired).Version, c)),
        ["delete flag"] = new(Role.Admin, false, (t, c) => t._flags.DeleteFlagAsync(Shop, Retired, t.Flag(Retired).Version, c)),
        ["create SDK key"] = new(Role.Admin, false, (t, c) => t._keys.CreateAsync(new NewSdkKey(Shop, Dev, "web"), c)),
        ["revoke SDK key"] = new(Role.Admin, false, async (t, c) =>
            await t._keys.RevokeAsync(Shop, t._keyId, (await t._store.ListSdkKeysAsync(Shop)).Single(k => k.Id == t._keyId).Version, c)),
    };

    public static TheoryData<string, Role> Matrix()
    {
        var data = new TheoryData<string, Role>();
        foreach (var operation in Operations.Keys)
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                data.Add(operation, role);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_may_make_exactly_the_writes_its_rank_allows(string operation, Role role)
    {
        await SeedAsync();
        var write = Operations[operation];
        var change = new ChangeContext($"{role.ToString().ToLowerInvariant()}@example.com", Role: role);

        if (role >= write.Needed)
        {
            var auditBefore = await AllAuditAsync();
            await write.Run(this, change);

            Assert.Equal(1, _repository.Writes);
            var entry = Assert.Single((await AllAuditAsync()).Except(auditBefore));
            Assert.Equal(change.Actor, entry.Actor);
        }
        else
        {
            var error = await AssertForbiddenWithoutWriteAsync(() => write.Run(this, change));

            // A Viewer is refused before anything is read, so for writes an Editor may make in part it hears of the Editor role.
            var readsFirst = write.DecidedByContent && role == Role.Editor;
            var named = write.DecidedByContent && role == Role.Viewer ? Role.Editor : write.Needed;
            Assert.Contains($"needs the {named} role", error.Message);
            Assert.EndsWith(role == Role.Viewer ? "you are a Viewer." : "you are an Editor.", error.Message);
            Assert.Equal(readsFirst, _repository.Reads > 0);
        }
    }

    [Fact]
    public async Task The_message_names_the_change_the_role_it_needs_and_the_actors_role()
    {
        await SeedAsync();

        var error = await AssertForbiddenWithoutWriteAsync(() =>
            _flags.SetRolloutAsync(Shop, Checkout, Dev, 2_500, State(Checkout).Version, new ChangeContext("pm@example.com", Role: Role.Editor)));

        Assert.Equal("Changing the rollout needs the Admin role; you are an Editor.", error.Message);
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Editor)]
    public async Task Only_an_admin_reorders_environments_and_a_refusal_reads_nothing(Role role)
    {
        await SeedAsync();
        var order = (await _store.ListEnvironmentsAsync(Shop)).Reverse().Select(e => new EnvironmentPosition(e.Key, e.Version)).ToList();
        _repository.Reads = 0;

        var error = await AssertForbiddenWithoutWriteAsync(() =>
            _flags.ReorderEnvironmentsAsync(Shop, order, new ChangeContext("someone@example.com", Role: role)));

        Assert.StartsWith("Reordering environments needs the Admin role", error.Message);
        Assert.Equal(0, _repository.Reads);
    }

    [Fact]
    public async Task An_editor_replacing_a_whole_state_is_told_which_part_needs_an_admin()
    {
        await SeedAsync();
        var editor = new ChangeContext("pm@example.com", Role: Role.Editor);

        var error = await AssertForbiddenWithoutWriteAsync(() =>
            _flags.UpdateStateAsync(FlagStateUpdate.From(State(Color)) with { Enabled = true, Config = null }, editor));

        Assert.Equal("Changing the config value needs the Admin role; you are an Editor.", error.Message);
    }

    [Fact]
    public async Task An_editor_is_refused_a_rollout_it_may_not_set_even_when_the_value_is_invalid()
    {
        await SeedAsync();
        var editor = new ChangeContext("pm@example.com", Role: Role.Editor);

        await AssertForbiddenWithoutWriteAsync(() =>
            _flags.UpdateStateAsync(FlagStateUpdate.From(State(Color)) with { RolloutBasisPoints = 20_000 }, editor));
    }

    [Fact]
    public async Task An_editor_may_send_back_rules_and_config_that_differ_only_in_form()
    {
        await SeedAsync();
        var editor = new ChangeContext("pm@example.com", Role: Role.Editor);
        var state = State(Color);
        var reformatted = FlagStateUpdate.From(state) with
        {
            Enabled = true,
            Config = "{ \"retries\" :  1 }",
            Rules = [BetaRule with { Name = "  beta  ", Variant = " green " }],
        };

        var updated = await _flags.UpdateStateAsync(reformatted, editor);

        Assert.True(updated.Enabled);
        Assert.Equal((state.Rules, state.Config), (updated.Rules, updated.Config));
        Assert.Equal(AuditAction.FlagToggled, (await AllAuditAsync())[0].Action);
    }

    [Fact]
    public async Task An_editor_toggles_a_flag_that_has_rules_and_config()
    {
        await SeedAsync();

        var updated = await _flags.SetEnabledAsync(Shop, Color, Dev, true, State(Color).Version, new ChangeContext("pm@example.com", Role: Role.Editor));

        Assert.True(updated.Enabled);
        Assert.Equal([BetaRule], updated.Rules);
    }

    [Fact]
    public async Task An_editor_edits_a_boolean_flag_whatever_variants_it_sends()
    {
        await SeedAsync();
        var flag = Flag(Checkout);

        var updated = await _flags.UpdateFlagAsync(new FlagUpdate { ProjectKey = Shop, Key = Checkout, ExpectedVersion = flag.Version, Name = "Checkout v2" },
            new ChangeContext("pm@example.com", Role: Role.Editor));

        Assert.Equal(("Checkout v2", flag.Variants), (updated.Name, updated.Variants));
    }

    [Fact]
    public async Task An_editor_with_a_stale_version_gets_a_conflict_not_a_refusal()
    {
        await SeedAsync();
        var stale = FlagStateUpdate.From(State(Color)) with { Enabled = true };
        await _flags.SetRolloutAsync(Shop, Color, Dev, 1_000, stale.ExpectedVersion, Seeder);
        _repository.Writes = 0;

        await Assert.ThrowsAsync<VersionConflictException>(() => _flags.UpdateStateAsync(stale, new ChangeContext("pm@example.com", Role: Role.Editor)));

        Assert.Equal(0, _repository.Writes);
    }

    [Fact]
    public async Task A_role_outside_the_known_ones_may_write_nothing()
    {
        await SeedAsync();

        var error = await AssertForbiddenWithoutWriteAsync(() =>
            _flags.SetEnabledAsync(Shop, Checkout, Dev, true, State(Checkout).Version, new ChangeContext("x@example.com", Role: (Role)7)));

        Assert.Contains("needs the Editor role", error.Message);
    }

    /// <summary>
    /// Project "shop" with development and production; boolean "checkout", multivariate "color" (a rule and a
    /// config in development), archived "retired", and one SDK key. Counters start at zero.
    /// </summary>
    private async Task SeedAsync()
    {
        var seed = new FlagService(_store, _store);
        await seed.CreateProjectAsync(new NewProject(Shop, "Shop"), Seeder);
        await seed.CreateEnvironmentAsync(new NewEnvironment(Shop, Dev, "Development", 10), Seeder);
        await seed.CreateEnvironmentAsync(new NewEnvironment(Shop, "production", "Production", 20, Protected: true), Seeder);
        await seed.CreateFlagAsync(new NewFlag { ProjectKey = Shop, Key = Checkout, Name = "Checkout" }, Seeder);
        await seed.CreateFlagAsync(new NewFlag
        {
            ProjectKey = Shop,
            Key = Color,
            Name = "Color",
            Kind = FlagKind.Multivariate,
            VariantType = VariantType.String,
            Variants = [new Variant("blue", "\"blue\""), new Variant("green", "\"green\"")],
        }, Seeder);
        await seed.SetRulesAsync(Shop, Color, Dev, [BetaRule], State(Color).Version, Seeder);
        await seed.SetConfigAsync(Shop, Color, Dev, "{\"retries\":1}", State(Color).Version, Seeder);
        var retired = await seed.CreateFlagAsync(new NewFlag { ProjectKey = Shop, Key = Retired, Name = "Retired" }, Seeder);
        await seed.SetArchivedAsync(Shop, Retired, true, retired.Flag.Version, Seeder);
        var key = await new SdkKeyService(_store, new SdkKeyCache(_store, TimeProvider.System), TimeProvider.System)
            .CreateAsync(new NewSdkKey(Shop, Dev, "backend"), Seeder);
        _keyId = key.Key.Id;
        (_repository.Reads, _repository.Writes) = (0, 0);
    }

    private Flag Flag(string key) => _store.GetFlag(Shop, key)!.Flag;

    private FlagState State(string flagKey) => _store.GetFlag(Shop, flagKey)!.StateIn(Dev)!;

    /// <summary>Newest first, of "shop" and of the project "create project" makes.</summary>
    private async Task<List<AuditEntry>> AllAuditAsync() =>
    [
        .. (await _store.QueryAsync(new AuditQuery { ProjectKey = Shop, Limit = AuditQuery.MaxLimit })).Items,
        .. (await _store.QueryAsync(new AuditQuery { ProjectKey = "other", Limit = AuditQuery.MaxLimit })).Items,
    ];

    private async Task<object[]> EverythingAsync() =>
    [
        await _store.ListProjectsAsync(),
        await _store.ListEnvironmentsAsync(Shop),
        (await _store.QueryFlagsAsync(new FlagQuery { ProjectKey = Shop, Archived = null, Limit = FlagQuery.MaxLimit })).Items,
        await _store.ListSdkKeysAsync(Shop),
        await AllAuditAsync(),
    ];

    /// <summary>Runs a change that must be forbidden and asserts that it reached no write and left everything as it was.</summary>
    private async Task<ForbiddenException> AssertForbiddenWithoutWriteAsync(Func<Task> change)
    {
        var before = await EverythingAsync();

        var error = await Assert.ThrowsAsync<ForbiddenException>(change);

        Assert.Equal(0, _repository.Writes);
        var after = await EverythingAsync();
        Assert.Equal(before.Length, after.Length);
        for (var i = 0; i < before.Length; i++)
        {
            Assert.Equal((System.Collections.IEnumerable)before[i], (System.Collections.IEnumerable)after[i]);
        }
        return error;
    }
}
