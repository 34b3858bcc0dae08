using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Targeting;
using FlagAdmin.Core.Users;
using FlagAdmin.Storage.Memory;

namespace FlagAdmin.Core.Tests.Flags;

/// <summary>Through the service, an update that changes nothing is no write: same version, no audit entry, nobody told.</summary>
public sealed class FlagServiceNoOpTests : IDisposable
{
    private const string Shop = "shop";
    private static readonly ChangeContext Alice = new("alice@example.com");
    private static readonly ChangeContext Bob = new("bob@example.com");

    private readonly MemoryFlagRepository _store = new(TimeProvider.System);
    private readonly CountingRepository _repository;
    private readonly RecordingNotifier _notifier = new();
    private readonly FlagService _service;

    public FlagServiceNoOpTests()
    {
        _repository = new CountingRepository(_store);
        _service = new FlagService(_repository, _store, _notifier);
    }

    public void Dispose() => _store.Dispose();

    /// <summary>Project "shop" requiring reasons, protected production, a multivariate flag with rules and config there.</summary>
    private async Task<FlagState> SeedAsync()
    {
        await _service.CreateProjectAsync(new NewProject(Shop, "Shop", RequireReasonInProtectedEnvironments: true), Alice);
        await _service.CreateEnvironmentAsync(new NewEnvironment(Shop, "production", "Production", 1, Protected: true), Alice);
        await _service.CreateFlagAsync(new NewFlag
        {
            ProjectKey = Shop,
            Key = "color",
            Name = "Color",
            Kind = FlagKind.Multivariate,
            VariantType = VariantType.String,
            Variants = [new Variant("blue", "\"blue\""), new Variant("green", "\"green\"")],
            Tags = ["web"],
        }, Alice);
        var state = (await _service.GetFlagAsync(Shop, "color")).StateIn("production")!;
        state = await _service.UpdateStateAsync(FlagStateUpdate.From(state) with
        {
            RolloutBasisPoints = 1_234,
            Rules = [new TargetingRule { Name = "Staff", Conditions = [new("email", ConditionOperator.EndsWith, ["@example.com"])], Variant = "green" }],
            Config = """{"max":3}""",
        }, new ChangeContext("alice@example.com", "setup"));
        _repository.Writes = 0;
        _notifier.Told.Clear();
        return state;
    }

    private async Task<List<AuditEntry>> AuditAsync() =>
        [.. (await _store.QueryAsync(new AuditQuery { ProjectKey = Shop, Limit = AuditQuery.MaxLimit })).Items];

    [Fact]
    public async Task A_state_sent_back_as_stored_but_typed_differently_writes_nothing_and_needs_no_reason()
    {
        var stored = await SeedAsync();
        var audit = await AuditAsync();

        var returned = await _service.UpdateStateAsync(FlagStateUpdate.From(stored) with
        {
            Config = """ { "max" : 3 } """,
            Rules = [new TargetingRule { Name = "  Staff ", Conditions = [new(" email ", ConditionOperator.EndsWith, ["@example.com"])], Variant = "green" }],
        }, Bob);

        Assert.Equal(stored, returned);
        Assert.Equal(0, _repository.Writes);
        Assert.Equal(audit, await AuditAsync());
        Assert.Empty(_notifier.Told);
    }

    [Fact]
    public async Task Turning_on_a_flag_that_is_on_writes_nothing()
    {
        var stored = await SeedAsync();
        stored = await _service.SetEnabledAsync(Shop, "color", "production", true, stored.Version, new ChangeContext("alice@example.com", "launch"));
        var audit = await AuditAsync();

        var returned = await _service.SetEnabledAsync(Shop, "color", "production", true, stored.Version, Bob);

        Assert.Equal(stored, returned);
        Assert.Equal(audit, await AuditAsync());
    }

    [Fact]
    public async Task A_no_op_is_still_refused_to_a_role_that_may_not_make_the_change()
    {
        var stored = await SeedAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            _service.UpdateStateAsync(FlagStateUpdate.From(stored), new ChangeContext("viewer@example.com", Role: Role.Viewer)));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            _service.UpdateProjectAsync(new ProjectUpdate(Shop, 1, "Shop", true), new ChangeContext("editor@example.com", Role: Role.Editor)));
    }

    [Fact]
    public async Task A_no_op_that_names_a_stale_version_is_a_conflict_with_what_is_stored()
    {
        var loaded = await SeedAsync();
        var theirs = await _service.SetRolloutAsync(Shop, "color", "production", 5_000, loaded.Version, new ChangeContext("bob@example.com", "more"));

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() =>
            _service.UpdateStateAsync(FlagStateUpdate.From(theirs) with { ExpectedVersion = loaded.Version }, Alice));

        Assert.Equal(theirs, conflict.Current);
    }

    [Fact]
    public async Task Metadata_sent_back_as_stored_writes_nothing()
    {
        await SeedAsync();
        var flag = (await _service.GetFlagAsync(Shop, "color")).Flag;
        var audit = await AuditAsync();

        var returned = await _service.UpdateFlagAsync(new FlagUpdate
        {
            ProjectKey = Shop,
            Key = "color",
            ExpectedVersion = flag.Version,
            Name = " Color ",
            Description = null,
            Variants = flag.Variants,
            Tags = [" WEB "],
        }, new ChangeContext("editor@example.com", Role: Role.Editor));

        Assert.Equal(flag, returned);
        Assert.Equal(0, _repository.Writes);
        Assert.Equal(audit, await AuditAsync());
        Assert.Empty(_notifier.Told);
    }

    [Fact]
    public async Task Project_and_environment_settings_sent_back_as_stored_write_nothing_and_tell_nobody()
    {
        await SeedAsync();
        var project = await _service.GetProjectAsync(Shop);
        var production = (await _service.ListEnvironmentsAsync(Shop)).Single();
        var audit = await AuditAsync();

        var sameProject = await _service.UpdateProjectAsync(new ProjectUpdate(Shop, project.Version, " Shop ", true), Bob);
        var sameEnvironment = await _service.UpdateEnvironmentAsync(new EnvironmentUpdate(Shop, "production", production.Version, "Production ", 1, true), Bob);

        Assert.Equal((project, production), (sameProject, sameEnvironment));
        Assert.Equal(audit, await AuditAsync());
        Assert.Empty(_notifier.Told);
    }
}
