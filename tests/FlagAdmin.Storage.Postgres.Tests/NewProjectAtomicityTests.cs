using System.Data.Common;
using System.Net.Sockets;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Testing.Postgres;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace FlagAdmin.Storage.Postgres.Tests;

/// <summary>A project and its first environments are one transaction on PostgreSQL too.</summary>
public sealed class NewProjectAtomicityTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_database_going_away_at_the_second_environment_leaves_no_project_and_no_audit_entry()
    {
        var connectionString = await postgres.SharedDatabaseAsync();
        var failing = new FailSecondEnvironmentInsert();
        var repository = TestStore.Repository(connectionString, TimeProvider.System, failing);
        var service = new FlagService(repository, repository);
        var key = $"new-{Guid.NewGuid():N}"[..20];

        await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            service.CreateProjectAsync(new NewProject(key, "Standard") { Environments = EnvironmentTemplate.Standard }, new ChangeContext("alice@example.com")));

        Assert.Equal(2, failing.Inserts);
        Assert.Null(await repository.GetProjectAsync(key));
        Assert.Empty(await repository.ListEnvironmentsAsync(key));
        Assert.Empty((await repository.QueryAsync(new AuditQuery { ProjectKey = key })).Items);
    }

    private sealed class FailSecondEnvironmentInsert : DbCommandInterceptor
    {
        public int Inserts { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            command.CommandText.Contains("INSERT INTO environments", StringComparison.Ordinal) && ++Inserts == 2
                ? throw new NpgsqlException("The test took the database away.", new SocketException())
                : ValueTask.FromResult(result);
    }
}
