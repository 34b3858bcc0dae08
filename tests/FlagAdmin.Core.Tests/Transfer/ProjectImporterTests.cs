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
    private readonly StoreGoingAway _target;
    private readonly FlagService _source;
    private readonly FlagService _targetService;

    public ProjectImporterTests()
    {
        _source = new FlagService(_sourceStore, _sourceStore);
        _target = new StoreGoingAway(_targetStore);
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
    public async Task A_write_failing_midway_stops_the_import_says_how_far_it_got_and_a_second_import_finishes_it()
    {
        var document = await SourceDocumentAsync();
        var importer = new ProjectImporter(_targetService);
        _target.WritesLeft = 4;

        var stopped = await Assert.ThrowsAsync<ImportInterruptedException>(() => importer.ImportAsync("shop", document, dryRun: false, Admin));
        _target.WritesLeft = int.MaxValue;
        var audited = (await _targetStore.QueryAsync(new AuditQuery { ProjectKey = "shop", Limit = 500 })).Items.Count;
        var finished = await importer.ImportAsync("shop", document, dryRun: false, Admin);
        var reExported = await new ProjectExporter(_targetService, TimeProvider.System).ExportAsync("shop");

        Assert.Equal(4, stopped.Written);
        Assert.Equal(8, stopped.Total);
        Assert.IsType<StoreUnavailableException>(stopped.Cause);
        Assert.Equal(4, audited);
        Assert.Equal(4, finished.Writes);
        Assert.Equal(TransferJson.Write(document with { ExportedAt = null }), TransferJson.Write(reExported with { ExportedAt = null }));
    }

    [Fact]
    public async Task Only_an_admin_imports()
    {
        var document = await SourceDocumentAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            new ProjectImporter(_targetService).ImportAsync("shop", document, dryRun: true, new ChangeContext("e@example.com", Role: Role.Editor)));
    }
}
