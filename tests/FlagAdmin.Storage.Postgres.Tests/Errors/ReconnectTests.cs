using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Testing.Postgres;
using static FlagAdmin.Storage.Postgres.Tests.Errors.ErrorScenario;

namespace FlagAdmin.Storage.Postgres.Tests.Errors;

/// <summary>
/// Connections that die under the store (57P01: the session ended by <c>pg_terminate_backend</c>, as a restart ends
/// it): a call meeting a dead pooled connection runs once more on a fresh one, unless its commit had started, when it
/// may have been stored and is reported as such instead of being sent twice.
/// </summary>
public sealed class ReconnectTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Reads_and_writes_meeting_dead_pooled_connections_succeed_on_fresh_ones_and_are_stored_once()
    {
        await using var scenario = await CreateAsync(postgres);
        var b = await scenario.StateAsync("b");
        await FillPoolAsync(scenario.Store);

        await scenario.TerminateSessionsAsync();
        var read = await scenario.Store.GetFlagAsync(Project, "a");
        await scenario.TerminateSessionsAsync();
        var toggled = await scenario.Service.SetEnabledAsync(Project, "a", Production, true, read!.StateIn(Production)!.Version, Alice);
        await scenario.TerminateSessionsAsync();
        var created = await scenario.Service.CreateFlagAsync(new NewFlag { ProjectKey = Project, Key = "c", Name = "C" }, Alice);
        await scenario.TerminateSessionsAsync();
        await scenario.Service.InTransactionAsync((service, ct) => service.SetEnabledAsync(Project, "b", Production, true, b.Version, Alice, ct));

        Assert.Equal(toggled, await scenario.StateAsync("a"));
        Assert.True((await scenario.StateAsync("b")).Enabled);
        Assert.Equal(created.Flag, (await scenario.Store.GetFlagAsync(Project, "c"))!.Flag);
        Assert.Equal([AuditAction.FlagToggled, AuditAction.FlagCreated], (await scenario.AuditAsync("a")).Select(e => e.Action));
        Assert.Equal([AuditAction.FlagToggled, AuditAction.FlagCreated], (await scenario.AuditAsync("b")).Select(e => e.Action));
        Assert.Single(await scenario.AuditAsync("c"));
    }

    [Fact]
    public async Task A_write_whose_connection_dies_before_the_commit_is_sent_again_and_stored_once()
    {
        await using var scenario = await CreateAsync(postgres);
        var before = await scenario.StateAsync("a");
        await scenario.TerminateOnAuditAsync(times: 1);

        await scenario.Service.SetEnabledAsync(Project, "a", Production, true, before.Version, Alice);
        var toggleFirings = await scenario.FiringsAsync();
        await scenario.RearmAsync();
        await scenario.Service.CreateFlagAsync(new NewFlag { ProjectKey = Project, Key = "c", Name = "C" }, Alice);

        Assert.Equal(2, toggleFirings);
        Assert.Equal(2, await scenario.FiringsAsync());
        Assert.True((await scenario.StateAsync("a")).Enabled);
        Assert.Equal([AuditAction.FlagToggled, AuditAction.FlagCreated], (await scenario.AuditAsync("a")).Select(e => e.Action));
        Assert.Single(await scenario.AuditAsync("c"));
    }

    [Fact]
    public async Task A_connection_lost_twice_in_a_row_is_store_unavailable_and_nothing_is_stored()
    {
        await using var scenario = await CreateAsync(postgres);
        await scenario.TerminateOnAuditAsync(times: 2);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            scenario.Service.CreateFlagAsync(new NewFlag { ProjectKey = Project, Key = "c", Name = "C" }, Alice));

        Assert.Equal(2, await scenario.FiringsAsync());
        Assert.False(error.MayHaveBeenSaved);
        Assert.Null(await scenario.Store.GetFlagAsync(Project, "c"));
    }

    [Fact]
    public async Task A_connection_lost_during_the_commit_is_not_sent_again_and_may_have_been_saved()
    {
        await using var scenario = await CreateAsync(postgres);
        await scenario.TerminateOnAuditAsync(times: 1, atCommit: true);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            scenario.Service.CreateFlagAsync(new NewFlag { ProjectKey = Project, Key = "c", Name = "C" }, Alice));

        Assert.Equal(1, await scenario.FiringsAsync());
        Assert.True(error.MayHaveBeenSaved);
        Assert.Contains("may or may not have been saved", error.Message);
    }

    /// <summary>Several connections in the pool, all idle afterwards.</summary>
    private static Task FillPoolAsync(EfFlagRepository store) =>
        Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.InTransactionAsync(async (transaction, ct) =>
        {
            await Task.Delay(100, ct); // holds its connection, so the others need connections of their own
            return await transaction.ListProjectsAsync(ct);
        })));
}
