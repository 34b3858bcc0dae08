using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Targeting;
using FlagAdmin.Storage.Memory;

namespace FlagAdmin.Core.Tests.Flags;

public sealed class FlagServiceTests : IDisposable
{
    private const string Shop = "shop";
    private const string Checkout = "new-checkout";
    private const string Color = "button-color";

    private static readonly ChangeContext Alice = new("alice@example.com");
    private static readonly ChangeContext Bob = new("bob@example.com");
    private static readonly ChangeContext BobWithReason = new("bob@example.com", "incident 42");

    private readonly MemoryFlagRepository _store = new(TimeProvider.System);
    private readonly CountingRepository _repository;
    private readonly FlagService _service;

    public FlagServiceTests()
    {
        _repository = new CountingRepository(_store);
        _service = new FlagService(_repository, _store);
    }

    public void Dispose() => _store.Dispose();

    /// <summary>
    /// Project "shop" (reasons required or not) with development (order 10) and protected production (order 20),
    /// a boolean flag and a multivariate one; returns with the write counter at zero.
    /// </summary>
    private async Task SeedAsync(bool requireReason = true)
    {
        await _service.CreateProjectAsync(new NewProject(Shop, "Shop", requireReason), Alice);
        await _service.CreateEnvironmentAsync(new NewEnvironment(Shop, "development", "Development", 10), Alice);
        await _service.CreateEnvironmentAsync(new NewEnvironment(Shop, "production", "Production", 20, Protected: true), Alice);
        await _service.CreateFlagAsync(new NewFlag { ProjectKey = Shop, Key = Checkout, Name = "New checkout" }, Alice);
        await _service.CreateFlagAsync(new NewFlag
        {
            ProjectKey = Shop,
            Key = Color,
            Name = "Button color",
            Kind = FlagKind.Multivariate,
            VariantType = VariantType.String,
            Variants = [new Variant("blue", "\"blue\""), new Variant("green", "\"green\"")],
        }, Alice);
        _repository.Writes = 0;
    }

    private async Task<List<AuditEntry>> AuditAsync() =>
        [.. (await _store.QueryAsync(new AuditQuery { ProjectKey = Shop, Limit = AuditQuery.MaxLimit })).Items];

    private Task<FlagDetails> FlagAsync(string key) => _service.GetFlagAsync(Shop, key);

    private async Task<uint> StateVersionAsync(string flagKey, string environmentKey) =>
        (await FlagAsync(flagKey)).StateIn(environmentKey)!.Version;

    /// <summary>Runs a change that must be rejected and asserts that it left the store exactly as it was.</summary>
    private async Task<TException> AssertRejectedWithoutWriteAsync<TException>(Func<Task> change)
        where TException : Exception
    {
        var flags = (await _store.QueryFlagsAsync(new FlagQuery { ProjectKey = Shop, Archived = null })).Items;
        var audit = await AuditAsync();

        var error = await Assert.ThrowsAsync<TException>(change);

        Assert.Equal(0, _repository.Writes);
        Assert.Equal(flags, (await _store.QueryFlagsAsync(new FlagQuery { ProjectKey = Shop, Archived = null })).Items);
        Assert.Equal(audit, await AuditAsync());
        return error;
    }

    [Fact]
    public async Task A_projects_setup_is_the_project_with_its_environments_in_order_and_a_missing_project_is_not_found()
    {
        await SeedAsync(requireReason: true);

        var setup = await _service.GetProjectSetupAsync(Shop);

        Assert.Equal(("Shop", true), (setup.Project.Name, setup.Project.RequireReasonInProtectedEnvironments));
        Assert.Equal([("development", false), ("production", true)], setup.Environments.Select(e => (e.Key, e.Protected)));
        Assert.Equal("nowhere", (await Assert.ThrowsAsync<NotFoundException>(() => _service.GetProjectSetupAsync("nowhere"))).Key);
    }

    [Fact]
    public async Task Invalid_new_flag_is_not_created_and_writes_no_audit_entry()
    {
        await SeedAsync();

        var error = await AssertRejectedWithoutWriteAsync<ValidationException>(() =>
            _service.CreateFlagAsync(new NewFlag { ProjectKey = Shop, Key = "Dark Mode", Name = " " }, Alice));

        Assert.Equal(["key", "name"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Null(await _store.GetFlagAsync(Shop, "Dark Mode"));
    }

    [Fact]
    public async Task Invalid_metadata_update_changes_nothing()
    {
        await SeedAsync();
        var flag = (await FlagAsync(Color)).Flag;

        var error = await AssertRejectedWithoutWriteAsync<ValidationException>(() => _service.UpdateFlagAsync(new FlagUpdate
        {
            ProjectKey = Shop,
            Key = Color,
            ExpectedVersion = flag.Version,
            Name = "Renamed",
            Variants = flag.Variants,
            Tags = ["not a tag"],
        }, Alice));

        Assert.Equal(["tags"], error.Errors.Keys);
    }

    [Fact]
    public async Task Removing_a_variant_that_is_still_served_changes_nothing()
    {
        await SeedAsync();
        var flag = (await FlagAsync(Color)).Flag;

        var error = await AssertRejectedWithoutWriteAsync<ValidationException>(() => _service.UpdateFlagAsync(new FlagUpdate
        {
            ProjectKey = Shop,
            Key = Color,
            ExpectedVersion = flag.Version,
            Name = flag.Name,
            Variants = [new Variant("blue", "\"blue\"")],
        }, Alice));

        Assert.Equal(
            ["Variant 'green' is still served in environment 'development'; change that first.",
             "Variant 'green' is still served in environment 'production'; change that first."],
            error.Errors["variants"]);
    }

    [Fact]
    public async Task Rollout_above_100_percent_is_rejected_with_a_message_and_changes_nothing()
    {
        await SeedAsync();
        var version = await StateVersionAsync(Checkout, "development");

        var error = await AssertRejectedWithoutWriteAsync<ValidationException>(() =>
            _service.SetRolloutAsync(Shop, Checkout, "development", 10_001, version, Alice));

        Assert.Equal(["Rollout must be between 0 and 100 %."], error.Errors["rollout"]);
    }

    [Fact]
    public async Task Invalid_targeting_rules_change_nothing()
    {
        await SeedAsync();
        var version = await StateVersionAsync(Color, "development");

        var error = await AssertRejectedWithoutWriteAsync<ValidationException>(() =>
            _service.SetRulesAsync(Shop, Color, "development", [new TargetingRule { Variant = "purple" }], version, Alice));

        Assert.Equal(["Rule 1: the variant must be one of the flag's variants (blue, green), not 'purple'."], error.Errors["rules"]);
    }

    [Fact]
    public async Task Invalid_config_json_changes_nothing()
    {
        await SeedAsync();
        var version = await StateVersionAsync(Color, "development");

        var error = await AssertRejectedWithoutWriteAsync<ValidationException>(() =>
            _service.SetConfigAsync(Shop, Color, "development", "{\"retries\":", version, Alice));

        Assert.StartsWith("The config value is not valid JSON", Assert.Single(error.Errors["config"]));
    }

    [Fact]
    public async Task Valid_state_change_is_written_in_its_normalized_form_with_one_audit_entry()
    {
        await SeedAsync();
        var version = await StateVersionAsync(Color, "development");
        var auditBefore = await AuditAsync();

        var state = await _service.SetConfigAsync(Shop, Color, "development", "{ \"retries\" : 3 }", version, Alice);

        Assert.Equal("{\"retries\":3}", state.Config);
        Assert.Equal(state, (await FlagAsync(Color)).StateIn("development"));
        Assert.Equal(1, _repository.Writes);
        var entry = Assert.Single((await AuditAsync()).Except(auditBefore));
        Assert.Equal(AuditAction.ConfigChanged, entry.Action);
    }

    [Fact]
    public async Task Toggle_with_a_stale_version_is_a_conflict_before_anything_is_written()
    {
        await SeedAsync();
        var stale = await StateVersionAsync(Checkout, "development");
        await _service.SetRolloutAsync(Shop, Checkout, "development", 2_500, stale, Bob);
        _repository.Writes = 0;
        var current = (await FlagAsync(Checkout)).StateIn("development")!;

        var conflict = await AssertRejectedWithoutWriteAsync<VersionConflictException>(() =>
            _service.SetEnabledAsync(Shop, Checkout, "development", true, stale, Alice));

        Assert.Equal(current, conflict.Current);
        Assert.Equal("bob@example.com", conflict.ChangedBy);
    }

    [Fact]
    public async Task Metadata_update_with_a_stale_version_is_a_conflict_before_anything_is_written()
    {
        await SeedAsync();
        var flag = (await FlagAsync(Color)).Flag;
        var update = new FlagUpdate { ProjectKey = Shop, Key = Color, ExpectedVersion = flag.Version, Name = "First", Variants = flag.Variants };
        await _service.UpdateFlagAsync(update, Bob);
        _repository.Writes = 0;

        var conflict = await AssertRejectedWithoutWriteAsync<VersionConflictException>(() =>
            _service.UpdateFlagAsync(update with { Name = "Second" }, Alice));

        Assert.Equal("First", Assert.IsType<Flag>(conflict.Current).Name);
    }

    [Fact]
    public async Task Archiving_with_a_stale_version_is_a_conflict_before_anything_is_written()
    {
        await SeedAsync();
        var flag = (await FlagAsync(Color)).Flag;
        await _service.UpdateFlagAsync(new FlagUpdate { ProjectKey = Shop, Key = Color, ExpectedVersion = flag.Version, Name = "Renamed", Variants = flag.Variants }, Bob);
        _repository.Writes = 0;

        await AssertRejectedWithoutWriteAsync<VersionConflictException>(() =>
            _service.SetArchivedAsync(Shop, Color, true, flag.Version, Alice));
    }

    [Fact]
    public async Task Change_in_a_protected_environment_needs_a_reason_when_the_project_requires_one()
    {
        await SeedAsync(requireReason: true);
        var version = await StateVersionAsync(Checkout, "production");

        var error = await AssertRejectedWithoutWriteAsync<ValidationException>(() =>
            _service.SetEnabledAsync(Shop, Checkout, "production", true, version, Bob));

        Assert.Equal(["reason"], error.Errors.Keys);
        Assert.Equal(["Give a reason: project 'shop' requires one for changes in production."], error.Errors["reason"]);
    }

    [Fact]
    public async Task Whole_state_replacement_in_a_protected_environment_needs_a_reason_too()
    {
        await SeedAsync(requireReason: true);
        var state = (await FlagAsync(Checkout)).StateIn("production")!;

        var error = await AssertRejectedWithoutWriteAsync<ValidationException>(() =>
            _service.UpdateStateAsync(FlagStateUpdate.From(state) with { Enabled = true }, new ChangeContext("bob", "   ")));

        Assert.Equal(["reason"], error.Errors.Keys);
    }

    [Fact]
    public async Task Change_in_a_protected_environment_with_a_reason_is_written_with_that_reason()
    {
        await SeedAsync(requireReason: true);
        var version = await StateVersionAsync(Checkout, "production");

        var state = await _service.SetEnabledAsync(Shop, Checkout, "production", true, version, BobWithReason);

        Assert.True(state.Enabled);
        var entry = (await AuditAsync())[0];
        Assert.Equal((AuditAction.FlagToggled, "production", "incident 42"), (entry.Action, entry.EnvironmentKey, entry.Reason));
    }

    [Fact]
    public async Task Change_in_an_unprotected_environment_needs_no_reason()
    {
        await SeedAsync(requireReason: true);
        var version = await StateVersionAsync(Checkout, "development");

        var state = await _service.SetEnabledAsync(Shop, Checkout, "development", true, version, Bob);

        Assert.True(state.Enabled);
        Assert.Equal(1, _repository.Writes);
    }

    [Fact]
    public async Task Change_in_a_protected_environment_needs_no_reason_when_the_project_does_not_require_one()
    {
        await SeedAsync(requireReason: false);
        var version = await StateVersionAsync(Checkout, "production");

        var state = await _service.SetEnabledAsync(Shop, Checkout, "production", true, version, Bob);

        Assert.True(state.Enabled);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(501)]
    public async Task Listing_flags_rejects_a_page_size_outside_1_to_500(int limit)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _service.ListFlagsAsync(new FlagQuery { ProjectKey = Shop, Limit = limit }));

        Assert.Equal(["limit"], error.Errors.Keys);
        Assert.Equal(["Page size must be between 1 and 500."], error.Errors["limit"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(500)]
    public async Task Listing_flags_accepts_page_sizes_from_1_to_500(int limit)
    {
        await SeedAsync();

        var page = await _service.ListFlagsAsync(new FlagQuery { ProjectKey = Shop, Limit = limit });

        Assert.Equal(Math.Min(limit, 2), page.Items.Count);
        Assert.Equal(2, page.TotalCount);
    }

    [Fact]
    public async Task Listing_flags_rejects_a_negative_offset()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _service.ListFlagsAsync(new FlagQuery { ProjectKey = Shop, Offset = -1 }));

        Assert.Equal(["Offset cannot be negative."], error.Errors["offset"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Listing_flags_by_enabled_needs_an_environment(string? environment)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            _service.ListFlagsAsync(new FlagQuery { ProjectKey = Shop, Enabled = true, EnvironmentKey = environment }));

        Assert.Equal(["Choose an environment to filter flags that are on or off."], error.Errors["environment"]);
    }

    [Fact]
    public async Task Listing_flags_reports_all_query_problems_together()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            _service.ListFlagsAsync(new FlagQuery { ProjectKey = Shop, Limit = 0, Offset = -5, Enabled = false }));

        Assert.Equal(["environment", "limit", "offset"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Listing_flags_by_enabled_in_an_environment_returns_the_matching_flags()
    {
        await SeedAsync();
        await _service.SetEnabledAsync(Shop, Color, "development", true, await StateVersionAsync(Color, "development"), Bob);

        var page = await _service.ListFlagsAsync(new FlagQuery { ProjectKey = Shop, Enabled = true, EnvironmentKey = "development", Search = "  color " });

        Assert.Equal(Color, Assert.Single(page.Items).Flag.Key);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task History_rejects_a_time_range_that_ends_before_or_when_it_starts(int minutes)
    {
        var from = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            _service.HistoryAsync(new AuditQuery { ProjectKey = Shop, From = from, To = from.AddMinutes(minutes) }));

        Assert.Equal(["The end of the time range must come after its start."], error.Errors["to"]);
    }

    [Fact]
    public async Task History_accepts_a_time_range_and_returns_the_entries_in_it()
    {
        await SeedAsync();
        var entries = await AuditAsync();
        var from = entries[^1].At;

        var page = await _service.HistoryAsync(new AuditQuery { ProjectKey = Shop, From = from, To = from.AddTicks(TimeSpan.TicksPerMicrosecond) });

        Assert.Equal(entries.Where(e => e.At == from), page.Items);
        Assert.NotEmpty(page.Items);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task History_rejects_a_page_size_outside_1_to_500(int limit)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _service.HistoryAsync(new AuditQuery { ProjectKey = Shop, Limit = limit }));

        Assert.Equal(["Page size must be between 1 and 500."], error.Errors["limit"]);
    }
}
