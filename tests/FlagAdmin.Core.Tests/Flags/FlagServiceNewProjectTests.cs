using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Tests.Transfer;
using FlagAdmin.Storage.Memory;

namespace FlagAdmin.Core.Tests.Flags;

/// <summary>A project and the environments it starts with are created together or not at all.</summary>
public sealed class FlagServiceNewProjectTests : IDisposable
{
    private static readonly ChangeContext Alice = new("alice@example.com");

    private readonly MemoryFlagRepository _store = new(TimeProvider.System);
    private readonly InterferingStore _interfering;
    private readonly RecordingNotifier _notifier = new();
    private readonly FlagService _service;

    public FlagServiceNewProjectTests()
    {
        _interfering = new InterferingStore(_store);
        _service = new FlagService(_interfering, _store, _notifier);
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_store_failing_after_the_project_and_its_first_environment_leaves_neither()
    {
        _interfering.WritesLeft = 2;

        await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            _service.CreateProjectAsync(new NewProject("shop", "Shop") { Environments = EnvironmentTemplate.Standard }, Alice));

        Assert.Null(await _store.GetProjectAsync("shop"));
        Assert.Empty(await _store.ListEnvironmentsAsync("shop"));
        Assert.Empty((await _store.QueryAsync(new AuditQuery { ProjectKey = "shop" })).Items);
        Assert.Empty(_notifier.Told);
    }

    [Fact]
    public async Task The_served_flags_hear_of_the_new_project_once_after_it_and_its_environments_are_stored()
    {
        await _service.CreateProjectAsync(new NewProject("shop", "Shop") { Environments = EnvironmentTemplate.Standard }, Alice);

        Assert.Equal(["project shop by alice@example.com"], _notifier.Told);
        Assert.Equal(3, (await _store.ListEnvironmentsAsync("shop")).Count);
    }
}
