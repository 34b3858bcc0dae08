using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Transfer;
using FlagAdmin.Storage.Memory;

namespace FlagAdmin.Core.Tests.Transfer;

/// <summary>The import plan says which protected environments an import writes to, so every caller asks about the same ones.</summary>
public sealed class ImportProtectedEnvironmentsTests : IDisposable
{
    private static readonly ChangeContext Admin = new("admin@example.com");
    private readonly MemoryFlagRepository _store = new(TimeProvider.System);
    private readonly FlagService _flags;
    private readonly ProjectImporter _importer;

    public ImportProtectedEnvironmentsTests()
    {
        _flags = new FlagService(_store, _store);
        _importer = new ProjectImporter(_flags);
    }

    public void Dispose() => _store.Dispose();

    /// <summary>
    /// Project "shop": staging, production (protected), vault (protected), quiet (protected), legacy (protected); flags a and b.
    /// The document is its own export.
    /// </summary>
    private async Task<ProjectDocument> ExportAsync()
    {
        await _flags.CreateProjectAsync(new NewProject("shop", "Shop")
        {
            Environments = [new("staging", "Staging"), new("production", "Production", true), new("vault", "Vault", true), new("quiet", "Quiet", true), new("legacy", "Legacy", true)],
        }, Admin);
        await _flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "a", Name = "A" }, Admin);
        await _flags.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "b", Name = "B" }, Admin);
        return await new ProjectExporter(_flags, TimeProvider.System).ExportAsync("shop");
    }

    private static DocumentFlag Toggled(DocumentFlag flag, string environment) => flag with
    {
        Environments = flag.Environments.ToDictionary(e => e.Key, e => e.Key == environment ? e.Value with { Enabled = !e.Value.Enabled } : e.Value),
    };

    [Fact]
    public async Task An_import_names_the_protected_environments_it_writes_to_whether_protected_before_or_after()
    {
        var exported = await ExportAsync();
        var document = exported with
        {
            Environments =
            [
                .. exported.Environments.Where(e => e.Key != "legacy").Select(e => e.Key switch
                {
                    "staging" => e with { Protected = true },
                    "vault" => e with { Protected = false },
                    _ => e,
                }),
                new DocumentEnvironment("qa", "QA", 9),
            ],
            Flags = [Toggled(exported.Flags[0], "production"), Toggled(exported.Flags[1], "legacy")],
        };

        var report = await _importer.ImportAsync("shop", document, dryRun: true, Admin);

        Assert.Equal(["staging", "vault", "production", "legacy"], report.ProtectedEnvironmentsChanged);
        Assert.Equal(["legacy", "production", "quiet", "staging"], report.ProtectedEnvironments.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_import_that_changes_nothing_protected_names_none_and_the_applied_report_says_the_same()
    {
        var exported = await ExportAsync();
        var document = exported with { Flags = [Toggled(exported.Flags[0], "staging")] };

        var dryRun = await _importer.ImportAsync("shop", document, dryRun: true, Admin);
        var applied = await _importer.ImportAsync("shop", document, dryRun: false, Admin, dryRun.Plan);

        Assert.Empty(dryRun.ProtectedEnvironmentsChanged);
        Assert.Empty(applied.ProtectedEnvironmentsChanged);
        Assert.True((await _flags.GetFlagAsync("shop", "a")).StateIn("staging")!.Enabled);
    }

    [Fact]
    public async Task Importing_into_a_new_project_names_the_protected_environments_it_creates()
    {
        var document = await ExportAsync();

        var report = await _importer.ImportAsync("copy", document, dryRun: true, Admin);

        Assert.Equal(["production", "vault", "quiet", "legacy"], report.ProtectedEnvironmentsChanged);
    }
}
