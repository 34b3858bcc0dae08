using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Transfer;
using FlagAdmin.Core.Users;
using FlagAdmin.Storage.Memory;

namespace FlagAdmin.Core.Tests.Transfer;

public sealed class ProjectImporterTests : IDisposable
{
    private static readonly ChangeContext Admin = new("admin@example.com");
    private readonly MemoryFlagRepository _sourceStore = new(TimeProvider.System);
    private readonly MemoryFlagRepository _targetStore = new(TimeProvider.System);
    private readonly InterferingStore _target;
    private readonly FlagService _source;
    private readonly FlagService _targetService;

    public ProjectImporterTests()
    {
        _source = new FlagService(_sourceStore, _sourceStore);
        _target = new InterferingStore(_targetStore);
        _targetService = new FlagService(_target, _targetStore);
    }

    public void Dispose()
    {
        _sourceStore.Dispose();
        _targetStore.Dispose();
    }

    private async Task<ProjectDocument> SourceDocumentAsync()
    {
        await _source.CreateProjectAsync(new NewProject("shop", "Shop"), Admin);
        await _source.CreateEnvironmentAsync(new NewEnvironment("shop", "staging", "Staging", 1), Admin);
        foreach (var key in new[] { "a", "b", "c" })
        {
            var flag = await _source.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = key, Name = key.ToUpperInvariant() }, Admin);
            await _source.SetEnabledAsync("shop", key, "staging", true, flag.StateIn("staging")!.Version, Admin);
        }
        return await new ProjectExporter(_source, TimeProvider.System).ExportAsync("shop");
    }

    [Fact]
    public async Task A_write_failing_midway_rolls_the_whole_import_back_and_importing_again_applies_all_of_it()
    {
        var document = await SourceDocumentAsync();
        var importer = new ProjectImporter(_targetService);
        _target.WritesLeft = 4;

        var failed = await Assert.ThrowsAsync<ImportNotAppliedException>(() => importer.ImportAsync("shop", document, dryRun: false, Admin));
        _target.WritesLeft = int.MaxValue;
        var projectAfterFailure = await _targetStore.GetProjectAsync("shop");
        var auditedAfterFailure = (await _targetStore.QueryAsync(new AuditQuery { ProjectKey = "shop", Limit = 500 })).Items.Count;
        var applied = await importer.ImportAsync("shop", document, dryRun: false, Admin);
        var audited = (await _targetStore.QueryAsync(new AuditQuery { ProjectKey = "shop", Limit = 500 })).Items.Count;
        var reExported = await new ProjectExporter(_targetService, TimeProvider.System).ExportAsync("shop");

        Assert.IsType<StoreUnavailableException>(failed.Cause);
        Assert.Null(projectAfterFailure);
        Assert.Equal(0, auditedAfterFailure);
        Assert.Equal(8, applied.Writes);
        Assert.Equal(8, audited);
        Assert.Equal(TransferJson.Write(document with { ExportedAt = null }), TransferJson.Write(reExported with { ExportedAt = null }));
    }

    [Fact]
    public async Task A_flag_changed_between_planning_and_writing_is_a_conflict_and_the_earlier_changes_of_the_import_are_not_kept()
    {
        var document = await SourceDocumentAsync();
        await _targetService.CreateProjectAsync(new NewProject("shop", "Old name"), Admin);
        var late = await _targetService.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "c", Name = "C" }, Admin);
        var importer = new ProjectImporter(_targetService);
        // Right after the plan reads "c", someone renames it: the import's first writes (project, environment, "a",
        // "b") come before it reaches "c" and finds a version it did not plan for.
        _target.AfterFlagRead = async key =>
        {
            if (key == "c")
            {
                _target.AfterFlagRead = null;
                await _targetStore.UpdateFlagAsync(new FlagUpdate { ProjectKey = "shop", Key = "c", ExpectedVersion = late.Flag.Version, Name = "Renamed meanwhile", Variants = late.Flag.Variants }, Admin);
            }
        };

        var failed = await Assert.ThrowsAsync<ImportNotAppliedException>(() => importer.ImportAsync("shop", document, dryRun: false, Admin));

        Assert.IsType<VersionConflictException>(failed.Cause);
        Assert.Equal("Old name", (await _targetStore.GetProjectAsync("shop"))!.Name);
        Assert.Equal(["c"], (await _targetService.ListFlagsAsync(new FlagQuery { ProjectKey = "shop" })).Items.Select(f => f.Flag.Key));
        Assert.Equal("Renamed meanwhile", (await _targetService.GetFlagAsync("shop", "c")).Flag.Name);
    }

    [Fact]
    public async Task An_apply_is_refused_and_writes_nothing_when_it_would_no_longer_make_the_changes_of_the_dry_run_it_names()
    {
        var document = await SourceDocumentAsync();
        var importer = new ProjectImporter(_targetService);
        await _targetService.CreateProjectAsync(new NewProject("shop", "Shop"), Admin);
        var reviewed = await importer.ImportAsync("shop", document, dryRun: true, Admin);
        var reviewedAgain = await importer.ImportAsync("shop", document, dryRun: true, Admin);
        await _targetService.CreateEnvironmentAsync(new NewEnvironment("shop", "qa", "QA", 5), Admin);
        var audited = (await _targetStore.QueryAsync(new AuditQuery { ProjectKey = "shop", Limit = 500 })).Items.Count;

        var changed = await Assert.ThrowsAsync<ImportPlanChangedException>(() => importer.ImportAsync("shop", document, dryRun: false, Admin, reviewed.Plan));

        Assert.Equal(reviewed.Plan, reviewedAgain.Plan);
        Assert.NotEqual(reviewed.Plan, changed.Current.Plan);
        Assert.True(changed.Current.DryRun);
        Assert.Equal(audited, (await _targetStore.QueryAsync(new AuditQuery { ProjectKey = "shop", Limit = 500 })).Items.Count);
        var applied = await importer.ImportAsync("shop", document, dryRun: false, Admin, changed.Current.Plan);
        Assert.Equal(changed.Current.Writes, applied.Writes);
    }

    [Fact]
    public async Task Only_an_admin_imports()
    {
        var document = await SourceDocumentAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            new ProjectImporter(_targetService).ImportAsync("shop", document, dryRun: true, new ChangeContext("e@example.com", Role: Role.Editor)));
    }
}
