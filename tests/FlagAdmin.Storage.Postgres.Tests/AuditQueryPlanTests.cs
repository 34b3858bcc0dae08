using FlagAdmin.Core.Audit;
using FlagAdmin.Testing.Postgres;

namespace FlagAdmin.Storage.Postgres.Tests;

/// <summary>
/// The plans PostgreSQL picks for the audit trail's pages, on 200,000 analysed entries: every filter the page
/// offers is answered from an index in id order (or, for a time range, from the time index), never by reading
/// the whole table (a rare action or a day long ago included). The plans are taken with EXPLAIN of the very statement the repository sends.
/// </summary>
public sealed class AuditQueryPlanTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private const string Project = "plans";
    private readonly PlanRecorder _plans = new("FROM audit_entries");
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await postgres.CreateDatabaseAsync();
        await PostgresFixture.ExecuteAsync(_database, $$"""
            INSERT INTO audit_entries (at, actor, action, project_key, environment_key, flag_key, before, after)
            SELECT timestamptz '2026-06-01' + i * interval '1 second', 'user-' || (i % 40),
                   CASE WHEN i % 10000 = 1 THEN 'EnvironmentUpdated' WHEN i % 10 < 6 THEN 'FlagToggled' ELSE 'RolloutChanged' END,
                   CASE WHEN i % 50 = 0 THEN 'other' ELSE '{{Project}}' END,
                   (ARRAY['development', 'staging', 'production'])[i % 3 + 1], 'flag-' || (i * 7 % 1000),
                   '{"enabled":false}', '{"enabled":true}'
            FROM generate_series(1, 200000) AS i;
            """);
        await PostgresFixture.ExecuteAsync(_database, "VACUUM ANALYZE audit_entries");
    }

    public Task DisposeAsync() => postgres.DropDatabaseAsync(_database);

    public static TheoryData<string, string> Filters => new()
    {
        { "newest", "pk_audit_entries|ix_audit_entries_project_key_id" },
        { "flag", "ix_audit_entries_project_key_flag_key_id" },
        // A third of the entries match: walking the id index and skipping the rest is as good as the own index.
        { "environment", "ix_audit_entries_project_key_environment_key_id|pk_audit_entries" },
        { "actor", "ix_audit_entries_project_key_actor_id" },
        { "action", "ix_audit_entries_project_key_action_id" },
        { "time range", "ix_audit_entries_project_key_at" },
        { "older page", "pk_audit_entries|ix_audit_entries_project_key_id" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_audit_filter_reads_its_own_index(string filter, string indexes)
    {
        var repository = TestStore.Repository(_database, TimeProvider.System, _plans);
        var query = filter switch
        {
            "flag" => new AuditQuery { ProjectKey = Project, FlagKey = "flag-421" },
            "environment" => new AuditQuery { ProjectKey = Project, EnvironmentKey = "production" },
            "actor" => new AuditQuery { ProjectKey = Project, Actor = "user-7" },
            "action" => new AuditQuery { ProjectKey = Project, Action = AuditAction.EnvironmentUpdated },
            "time range" => new AuditQuery { ProjectKey = Project, From = new DateTimeOffset(2026, 6, 2, 0, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(2026, 6, 2, 1, 0, 0, TimeSpan.Zero) },
            "older page" => new AuditQuery { ProjectKey = Project, BeforeId = 100_000 },
            _ => new AuditQuery { ProjectKey = Project },
        };

        var page = await repository.QueryAsync(query);

        Assert.NotEmpty(page.Items);
        var plan = Assert.Single(_plans.Plans);
        Assert.DoesNotContain("Seq Scan", plan);
        Assert.True(indexes.Split('|').Any(plan.Contains), $"Expected one of {indexes} in:\n{plan}");
    }
}
