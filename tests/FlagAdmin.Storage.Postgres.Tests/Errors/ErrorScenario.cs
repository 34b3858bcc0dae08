using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Testing.Postgres;
using Npgsql;

namespace FlagAdmin.Storage.Postgres.Tests.Errors;

/// <summary>
/// A database of its own holding project "shop" (production) with flags "a" and "b", the store on it, and the means to
/// make PostgreSQL fail on purpose (<see cref="ProvokedFailures"/>).
/// </summary>
internal sealed class ErrorScenario : IAsyncDisposable
{
    public const string Project = "shop";
    public const string Production = "production";
    public static readonly ChangeContext Alice = new("alice@example.com");

    private readonly PostgresFixture _postgres;

    private ErrorScenario(PostgresFixture postgres, string connectionString)
    {
        _postgres = postgres;
        ConnectionString = connectionString;
        Store = TestStore.Repository(connectionString, TimeProvider.System);
    }

    public string ConnectionString { get; }
    public EfFlagRepository Store { get; }
    public FlagService Service => new(Store, Store);

    public static async Task<ErrorScenario> CreateAsync(PostgresFixture postgres)
    {
        var scenario = new ErrorScenario(postgres, await postgres.CreateDatabaseAsync());
        await scenario.Service.CreateProjectAsync(new NewProject(Project, "Shop") { Environments = [new(Production, "Production")] }, Alice);
        await scenario.Service.CreateFlagAsync(new NewFlag { ProjectKey = Project, Key = "a", Name = "A" }, Alice);
        await scenario.Service.CreateFlagAsync(new NewFlag { ProjectKey = Project, Key = "b", Name = "B" }, Alice);
        return scenario;
    }

    public Task RaiseOnAuditAsync(string sqlState, int times = int.MaxValue) => ProvokedFailures.RaiseOnAuditAsync(ConnectionString, sqlState, times);

    public Task TerminateOnAuditAsync(int times, bool atCommit = false) => ProvokedFailures.TerminateOnAuditAsync(ConnectionString, times, atCommit);

    public Task RearmAsync() => ProvokedFailures.RearmAsync(ConnectionString);

    public Task<long> FiringsAsync() => ProvokedFailures.FiringsAsync(ConnectionString);

    /// <summary>Ends every session on this database but the caller's and waits until they are gone.</summary>
    public async Task TerminateSessionsAsync()
    {
        var database = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        var others = $"FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()";
        await PostgresFixture.ExecuteAsync(_postgres.AdminConnectionString, $"SELECT pg_terminate_backend(pid) {others}");
        while ((long)(await PostgresFixture.ScalarAsync(_postgres.AdminConnectionString, $"SELECT count(*) {others}"))! > 0)
        {
            await Task.Delay(20);
        }
    }

    public async Task<FlagState> StateAsync(string flag) => (await Store.GetFlagAsync(Project, flag))!.StateIn(Production)!;

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(string flag) =>
        (await Store.QueryAsync(new AuditQuery { ProjectKey = Project, FlagKey = flag, Limit = 100 })).Items;

    public ValueTask DisposeAsync() => new(_postgres.DropDatabaseAsync(ConnectionString));
}
