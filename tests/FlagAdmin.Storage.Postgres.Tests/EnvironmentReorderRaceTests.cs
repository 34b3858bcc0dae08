using System.Data.Common;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Testing.Postgres;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FlagAdmin.Storage.Postgres.Tests;

/// <summary>A reorder is one transaction: a conflict on its second write takes back its first.</summary>
public sealed class EnvironmentReorderRaceTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly ChangeContext Alice = new("alice@example.com");

    [Fact]
    public async Task An_environment_changed_between_the_first_and_the_second_write_of_a_reorder_leaves_the_order_as_it_was()
    {
        var connectionString = await postgres.SharedDatabaseAsync();
        var sneak = new RenameBeforeSecondUpdate(connectionString);
        var repository = TestStore.Repository(connectionString, TimeProvider.System, sneak);
        var service = new FlagService(repository, repository);
        var key = $"order-{Guid.NewGuid():N}"[..20];
        await service.CreateProjectAsync(new NewProject(key, "Order"), Alice);
        foreach (var (environment, order) in new[] { ("development", 10), ("staging", 20), ("production", 30) })
        {
            await service.CreateEnvironmentAsync(new NewEnvironment(key, environment, environment, order), Alice);
        }
        var seen = await service.ListEnvironmentsAsync(key);
        var audit = await service.HistoryAsync(new AuditQuery { ProjectKey = key });
        string[] wanted = ["production", "staging", "development"]; // writes production (to 10), then development (to 30)
        sneak.Arm(key, "development");

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() => service.ReorderEnvironmentsAsync(
            key, [.. wanted.Select(k => seen.Single(e => e.Key == k)).Select(e => new EnvironmentPosition(e.Key, e.Version))], Alice));

        Assert.Equal(2, sneak.Updates);
        var now = await service.ListEnvironmentsAsync(key);
        Assert.Equal([("development", 10, "Renamed meanwhile"), ("staging", 20, "staging"), ("production", 30, "production")], now.Select(e => (e.Key, e.Order, e.Name)));
        Assert.Equal(now, Assert.IsAssignableFrom<IReadOnlyList<ProjectEnvironment>>(conflict.Current));
        Assert.Equal(audit, await service.HistoryAsync(new AuditQuery { ProjectKey = key }));
    }

    /// <summary>Once armed, commits a rename of one environment just before the second UPDATE of environments runs.</summary>
    private sealed class RenameBeforeSecondUpdate(string connectionString) : DbCommandInterceptor
    {
        private string? _projectKey;
        private string? _environmentKey;

        public int Updates { get; private set; }

        public void Arm(string projectKey, string environmentKey) => (_projectKey, _environmentKey) = (projectKey, environmentKey);

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (_projectKey is not null && command.CommandText.Contains("UPDATE environments", StringComparison.Ordinal) && ++Updates == 2)
            {
                await PostgresFixture.ExecuteAsync(connectionString,
                    $"UPDATE environments SET name = 'Renamed meanwhile' WHERE project_key = '{_projectKey}' AND key = '{_environmentKey}'");
            }
            return result;
        }
    }
}
