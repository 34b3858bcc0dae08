using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;
using FlagAdmin.Storage.Memory;

namespace FlagAdmin.Core.Tests.Flags;

public sealed class FlagServiceTransactionTests : IDisposable
{
    private static readonly ChangeContext Alice = new("alice@example.com");
    private static readonly ChangeContext Bob = new("bob@example.com");

    private readonly MemoryFlagRepository _store = new(TimeProvider.System);
    private readonly RecordingNotifier _notifier = new();
    private readonly FlagService _service;

    public FlagServiceTransactionTests()
    {
        _service = new FlagService(_store, _store, _notifier);
    }

    public void Dispose() => _store.Dispose();

    private async Task<FlagDetails> SeedAsync()
    {
        await _service.CreateProjectAsync(new NewProject("shop", "Shop"), Alice);
        await _service.CreateEnvironmentAsync(new NewEnvironment("shop", "production", "Production", 1), Alice);
        var flag = await _service.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "checkout", Name = "Checkout" }, Alice);
        _notifier.Told.Clear();
        return flag;
    }

    [Fact]
    public async Task The_served_flags_hear_of_a_transactions_changes_once_each_and_only_after_it_committed()
    {
        var flag = await SeedAsync();
        List<string>? toldBeforeCommit = null;

        await _service.InTransactionAsync(async (transaction, ct) =>
        {
            var version = flag.StateIn("production")!.Version;
            version = (await transaction.SetEnabledAsync("shop", "checkout", "production", true, version, Alice, ct)).Version;
            await transaction.SetEnabledAsync("shop", "checkout", "production", false, version, Bob, ct);
            await transaction.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "banner", Name = "Banner" }, Alice, ct);
            toldBeforeCommit = [.. _notifier.Told];
            return true;
        });

        Assert.Empty(toldBeforeCommit!);
        Assert.Equal(["flag shop/checkout by bob@example.com", "flag shop/banner by alice@example.com"], _notifier.Told);
    }

    [Fact]
    public async Task A_project_change_in_a_transaction_tells_the_project_once_instead_of_each_of_its_flags()
    {
        await SeedAsync();

        await _service.InTransactionAsync(async (transaction, ct) =>
        {
            await transaction.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "banner", Name = "Banner" }, Alice, ct);
            await transaction.CreateEnvironmentAsync(new NewEnvironment("shop", "staging", "Staging", 2), Alice, ct);
            return true;
        });

        Assert.Equal(["project shop by alice@example.com"], _notifier.Told);
    }

    [Fact]
    public async Task A_transaction_that_fails_tells_nobody_and_its_role_checks_are_the_usual_ones()
    {
        var flag = await SeedAsync();
        var editor = new ChangeContext("e@example.com", Role: Role.Editor);

        await Assert.ThrowsAsync<ForbiddenException>(() => _service.InTransactionAsync(async (transaction, ct) =>
        {
            await transaction.SetEnabledAsync("shop", "checkout", "production", true, flag.StateIn("production")!.Version, editor, ct);
            return await transaction.CreateEnvironmentAsync(new NewEnvironment("shop", "staging", "Staging", 2), editor, ct);
        }));

        Assert.Empty(_notifier.Told);
        Assert.False((await _service.GetFlagAsync("shop", "checkout")).StateIn("production")!.Enabled);
    }
}
