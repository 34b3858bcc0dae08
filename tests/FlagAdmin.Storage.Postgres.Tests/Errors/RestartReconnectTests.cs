using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Storage.Postgres.Tests.Errors;

/// <summary>
/// PostgreSQL restarted under a store whose pool is full of connections the restart ended: the first call afterwards
/// meets one of them (57P01) and succeeds on a fresh connection, without the caller seeing anything.
/// </summary>
[Collection(PostgresOutageCollection.Name)]
public sealed class RestartReconnectTests(StoppablePostgres postgres)
{
    private static readonly ChangeContext Alice = new("alice@example.com");

    [Fact]
    public async Task The_first_toggle_after_a_restart_succeeds_and_is_audited_once()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        try
        {
            var store = TestStore.Repository(database, TimeProvider.System);
            var service = new FlagService(store, store);
            await service.CreateProjectAsync(new NewProject("shop", "Shop") { Environments = [new("production", "Production")] }, Alice);
            var flag = await service.CreateFlagAsync(new NewFlag { ProjectKey = "shop", Key = "checkout", Name = "Checkout" }, Alice);

            await postgres.StopAsync();
            await postgres.StartAsync();
            var toggled = await service.SetEnabledAsync("shop", "checkout", "production", true, flag.StateIn("production")!.Version, Alice);

            Assert.Equal(toggled, (await store.GetFlagAsync("shop", "checkout"))!.StateIn("production"));
            var audit = await store.QueryAsync(new AuditQuery { ProjectKey = "shop", FlagKey = "checkout" });
            Assert.Equal([AuditAction.FlagToggled, AuditAction.FlagCreated], audit.Items.Select(e => e.Action));
        }
        finally
        {
            await postgres.Server.DropDatabaseAsync(database);
        }
    }
}
