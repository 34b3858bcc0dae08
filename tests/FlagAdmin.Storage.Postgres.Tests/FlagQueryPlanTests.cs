using FlagAdmin.Core.Flags;
using FlagAdmin.Testing.Postgres;
using Xunit.Abstractions;

namespace FlagAdmin.Storage.Postgres.Tests;

/// <summary>
/// The plans PostgreSQL picks for the flags list's pages at 100,000 analysed flags of one project (three environments,
/// 300,000 states): every sort and filter that has an index is answered through it (the page, or its total where
/// walking the key order is cheaper for a page, as for a tag), and no page reads the whole table. The plans are taken with EXPLAIN of the very statements the repository sends. The page's total is left
/// to the planner (counting most of a project's flags, a sequential scan is the cheapest way). How long the pages
/// take is measured in bench/ (FlagsListBenchmarks), not here.
/// </summary>
public sealed class FlagQueryPlanTests(PostgresFixture postgres, ITestOutputHelper output) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private const string Project = "big";
    private readonly PlanRecorder _plans = new("FROM flags");
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await postgres.CreateDatabaseAsync();
        await PostgresFixture.ExecuteAsync(_database, """
            INSERT INTO projects (key, name, require_reason_in_protected_environments, created_by, created_at, updated_by, updated_at)
            VALUES ('big', 'Big', false, 'seed', now(), 'seed', now()), ('small', 'Small', false, 'seed', now(), 'seed', now());
            INSERT INTO environments (project_key, key, name, sort_order, protected, created_by, created_at, updated_by, updated_at)
            VALUES ('big', 'development', 'Development', 1, false, 'seed', now(), 'seed', now()),
                   ('big', 'staging', 'Staging', 2, false, 'seed', now(), 'seed', now()),
                   ('big', 'production', 'Production', 3, true, 'seed', now(), 'seed', now());
            INSERT INTO flags (project_key, key, name, description, kind, variant_type, variants, tags, owner, archived,
                               created_by, created_at, updated_by, updated_at)
            SELECT CASE WHEN i % 100 = 0 THEN 'small' ELSE 'big' END, 'flag-' || lpad(i::text, 6, '0'), 'Flag ' || (i * 7919 % 100000),
                   'Seeded flag number ' || i, 'Boolean', 'Boolean', '[{"key":"on","value":"true"},{"key":"off","value":"false"}]',
                   ARRAY['team-' || (i % 200), 'area-' || (i % 7)], 'owner-' || (i % 500), i % 10 = 0,
                   'seed', timestamptz '2026-01-01' + i * interval '1 second', 'seed', timestamptz '2026-01-01' + i * interval '1 second'
            FROM generate_series(1, 100000) AS i;
            INSERT INTO flag_states (project_key, flag_key, environment_key, enabled, rollout_basis_points, on_variant, off_variant,
                                     rules, config, updated_by, updated_at)
            SELECT f.project_key, f.key, e.key, hashtext(f.key || e.key) % 50 = 0, 10000, 'on', 'off', '[]', NULL, 'seed', now()
            FROM flags f JOIN environments e ON e.project_key = f.project_key;
            """);
        await PostgresFixture.ExecuteAsync(_database, "VACUUM ANALYZE");
    }

    public Task DisposeAsync() => postgres.DropDatabaseAsync(_database);

    public static TheoryData<string, string> Lists => new()
    {
        { "by key", "ix_flags_project_key_archived_key|pk_flags" },
        { "by key, page 100", "ix_flags_project_key_archived_key|pk_flags" },
        { "by name", "ix_flags_project_key_name" },
        { "by update time, newest first", "ix_flags_project_key_updated_at" },
        { "by creation time, archived too", "ix_flags_project_key_created_at" },
        { "tag", "ix_flags_tags" },
        { "owner", "ix_flags_project_key_owner_key" },
        { "on in production", "ix_flag_states_project_key_environment_key_enabled_flag_key" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Each_flags_list_reads_the_flags_through_an_index(string list, string indexes)
    {
        var repository = TestStore.Repository(_database, TimeProvider.System, _plans);
        var query = list switch
        {
            "by key, page 100" => new FlagQuery { ProjectKey = Project, Offset = 5_000 },
            "by name" => new FlagQuery { ProjectKey = Project, Sort = FlagSort.Name },
            "by update time, newest first" => new FlagQuery { ProjectKey = Project, Sort = FlagSort.UpdatedAt, Descending = true },
            "by creation time, archived too" => new FlagQuery { ProjectKey = Project, Sort = FlagSort.CreatedAt, Archived = null },
            "tag" => new FlagQuery { ProjectKey = Project, Tags = ["team-3"] },
            "owner" => new FlagQuery { ProjectKey = Project, Owner = "owner-42" },
            "on in production" => new FlagQuery { ProjectKey = Project, EnvironmentKey = "production", Enabled = true },
            _ => new FlagQuery { ProjectKey = Project },
        };

        var page = await repository.QueryFlagsAsync(query);

        Assert.NotEmpty(page.Items);
        foreach (var plan in _plans.Plans)
        {
            output.WriteLine(plan + "\n");
        }
        var pageReads = _plans.Plans.Where(plan => !plan.StartsWith("Aggregate", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(pageReads);
        Assert.DoesNotContain("Seq Scan on flags", string.Join("\n\n", pageReads));
        var plans = string.Join("\n\n", _plans.Plans);
        Assert.True(indexes.Split('|').Any(plans.Contains), $"Expected one of {indexes} in:\n{plans}");
    }
}
