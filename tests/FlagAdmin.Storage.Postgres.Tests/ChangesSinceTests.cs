using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Storage.Postgres.Tests;

/// <summary>
/// Lists of changes on PostgreSQL: the watermark waits for another process's write in progress (seen in
/// <c>pg_stat_activity</c>), and a short list of changes in a large project is found through the updated_at indexes.
/// </summary>
public sealed class ChangesSinceTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly ChangeContext Alice = new("alice@example.com");

    [Fact]
    public async Task A_list_of_changes_read_while_another_process_writes_starts_its_successor_before_that_write_began()
    {
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            var writer = TestStore.Repository(database, TimeProvider.System);
            var reader = TestStore.Repository(database, TimeProvider.System);
            await writer.CreateProjectAsync(new NewProject("shop", "Shop"), Alice);
            var since = Clock.ToMicroseconds(TimeProvider.System.GetUtcNow());
            FlagPage? readMeanwhile = null;
            var stamped = DateTimeOffset.MinValue;

            await writer.InTransactionAsync(async (transaction, ct) =>
            {
                var created = await transaction.CreateFlagAsync(FlagValidator.Normalize(new NewFlag { ProjectKey = "shop", Key = "imported", Name = "Imported" }), Alice, ct);
                stamped = created.Flag.UpdatedAt;
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                readMeanwhile = await reader.QueryFlagsAsync(new FlagQuery { ProjectKey = "shop", ModifiedSince = since }, ct);
                return true;
            });

            Assert.Empty(readMeanwhile!.Items);
            // Had the open transaction gone unseen, the watermark would be 2 s after the stamp, less the allowance.
            var latest = stamped - SyncWatermark.ClockAllowance + TimeSpan.FromMilliseconds(500);
            Assert.True(readMeanwhile.SyncedTo <= latest, $"Synced to {readMeanwhile.SyncedTo:O}, after {latest:O}.");
            var next = await reader.QueryFlagsAsync(new FlagQuery { ProjectKey = "shop", ModifiedSince = readMeanwhile.SyncedTo });
            Assert.Equal(["imported"], next.Items.Select(d => d.Flag.Key));
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task A_few_changes_among_20000_flags_are_found_through_indexes_without_reading_the_project()
    {
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            var setup = TestStore.Repository(database, TimeProvider.System);
            await setup.CreateProjectAsync(new NewProject("plans", "Plans"), Alice);
            foreach (var (environment, order) in new[] { ("development", 1), ("staging", 2), ("production", 3) })
            {
                await setup.CreateEnvironmentAsync(new NewEnvironment("plans", environment, environment, order), Alice);
            }
            await PostgresFixture.ExecuteAsync(database, """
                INSERT INTO flags (project_key, key, name, description, kind, variant_type, variants, tags, archived, created_by, created_at, updated_by, updated_at)
                SELECT 'plans', 'flag-' || i, 'Flag ' || i, '', 'Boolean', 'Boolean', '[{"key":"on","value":"true"},{"key":"off","value":"false"}]',
                       '{}', false, 'seed', timestamptz '2026-06-01' + i * interval '1 second', 'seed',
                       CASE WHEN i IN (100, 101, 102) THEN timestamptz '2026-07-01' ELSE timestamptz '2026-06-01' + i * interval '1 second' END
                FROM generate_series(1, 20000) AS i;
                INSERT INTO flag_states (project_key, flag_key, environment_key, enabled, rollout_basis_points, on_variant, off_variant, rules, updated_by, updated_at)
                SELECT 'plans', 'flag-' || i, e, false, 10000, 'on', 'off', '[]', 'seed',
                       CASE WHEN i IN (200, 201) AND e = 'staging' THEN timestamptz '2026-07-02' ELSE timestamptz '2026-06-01' + i * interval '1 second' END
                FROM generate_series(1, 20000) AS i, unnest(ARRAY['development', 'staging', 'production']) AS e;
                """);
            await PostgresFixture.ExecuteAsync(database, "VACUUM ANALYZE flags");
            await PostgresFixture.ExecuteAsync(database, "VACUUM ANALYZE flag_states");
            var plans = new PlanRecorder("FROM flags");
            var repository = TestStore.Repository(database, TimeProvider.System, plans);

            var page = await repository.QueryFlagsAsync(new FlagQuery
            {
                ProjectKey = "plans", ModifiedSince = new DateTimeOffset(2026, 6, 30, 0, 0, 0, TimeSpan.Zero), Sort = FlagSort.ModifiedAt,
            });

            Assert.Equal(["flag-100", "flag-101", "flag-102", "flag-200", "flag-201"], page.Items.Select(d => d.Flag.Key));
            Assert.Equal(5, page.TotalCount);
            Assert.NotEmpty(plans.Plans);
            foreach (var plan in plans.Plans)
            {
                Assert.DoesNotContain("Seq Scan", plan);
            }
            Assert.Contains(plans.Plans, plan => plan.Contains("ix_flag_states_project_key_updated_at", StringComparison.Ordinal)
                && plan.Contains("ix_flags_project_key_updated_at", StringComparison.Ordinal));
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }
}
