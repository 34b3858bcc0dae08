using System.Diagnostics;
using System.Globalization;
using FlagAdmin.Core.Audit;
using Npgsql;

namespace FlagAdmin.Benchmarks.Postgres;

/// <summary>
/// <c>audit-pages [--entries 1000000] [--runs 40]</c>: the audit trail's reads on a durable PostgreSQL cluster
/// holding one project with N audit entries (12 days of changes by 40 people on 1,000 flags in 3 environments,
/// mostly toggles and rollout changes, with before/after JSON shaped like the real ones), seeded by SQL and
/// analysed. Times each page the audit trail asks for (50 entries, newest first, through the repository as the
/// page calls it) and prints the median and 95th percentile of warm runs, and the plan PostgreSQL chose.
/// </summary>
public static class AuditPages
{
    private const string Project = "bench";

    public static async Task<int> RunAsync(string[] args)
    {
        var entries = int.Parse(Option(args, "--entries") ?? "1000000", CultureInfo.InvariantCulture);
        var runs = int.Parse(Option(args, "--runs") ?? "40", CultureInfo.InvariantCulture);
        await using var catalogue = await PostgresCatalogue.CreateAsync(flags: 1_000);
        var log = (IAuditLog)catalogue.Repository;
        Console.WriteLine($"Seeding {entries:N0} audit entries …");
        var seeding = Stopwatch.StartNew();
        await PostgresCluster.ExecuteAsync(catalogue.ConnectionString, SeedSql(entries));
        await PostgresCluster.ExecuteAsync(catalogue.ConnectionString, "VACUUM ANALYZE audit_entries");
        Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:0} s. {await catalogue.Cluster.DescribeAsync()}");
        Console.WriteLine(Machine.Describe());

        var newest = (await log.QueryAsync(new AuditQuery { ProjectKey = Project, Limit = 1 })).Items[0];
        var day = newest.At.UtcDateTime.Date;
        var pages = new (string Name, AuditQuery Query, string Where)[]
        {
            ("first page", new AuditQuery { ProjectKey = Project }, ""),
            ("flag", new AuditQuery { ProjectKey = Project, FlagKey = "flag-000421" }, "AND flag_key = 'flag-000421'"),
            ("environment", new AuditQuery { ProjectKey = Project, EnvironmentKey = "production" }, "AND environment_key = 'production'"),
            ("actor", new AuditQuery { ProjectKey = Project, Actor = "user-07@example.com" }, "AND actor = 'user-07@example.com'"),
            ("action, common (toggles)", new AuditQuery { ProjectKey = Project, Action = AuditAction.FlagToggled }, "AND action = 'FlagToggled'"),
            ("action, rare (environment updated)", new AuditQuery { ProjectKey = Project, Action = AuditAction.EnvironmentUpdated }, "AND action = 'EnvironmentUpdated'"),
            ("last day", new AuditQuery { ProjectKey = Project, From = day, To = day.AddDays(1) }, $"AND at >= '{day:yyyy-MM-dd}' AND at < '{day.AddDays(1):yyyy-MM-dd}'"),
            ("one day a week back", new AuditQuery { ProjectKey = Project, From = day.AddDays(-7), To = day.AddDays(-6) }, $"AND at >= '{day.AddDays(-7):yyyy-MM-dd}' AND at < '{day.AddDays(-6):yyyy-MM-dd}'"),
            ("flag + environment + actor", new AuditQuery { ProjectKey = Project, FlagKey = "flag-000421", EnvironmentKey = "production", Actor = "user-07@example.com" }, "AND flag_key = 'flag-000421' AND environment_key = 'production' AND actor = 'user-07@example.com'"),
            ("page 200 (keyset)", new AuditQuery { ProjectKey = Project, BeforeId = newest.Id - 10_000 }, $"AND id < {newest.Id - 10_000}"),
        };
        Console.WriteLine();
        Console.WriteLine("| page | entries | median | p95 |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, query, _) in pages)
        {
            var (count, median, p95) = await TimeAsync(log, query, runs);
            Console.WriteLine($"| {name} | {count} | {median:0.0} ms | {p95:0.0} ms |");
        }
        Console.WriteLine();
        foreach (var (name, _, where) in pages)
        {
            Console.WriteLine($"-- {name}");
            Console.WriteLine(await ExplainAsync(catalogue.ConnectionString, where));
        }
        return 0;
    }

    private static async Task<(int Count, double Median, double P95)> TimeAsync(IAuditLog log, AuditQuery query, int runs)
    {
        var count = 0;
        for (var i = 0; i < 5; i++)
        {
            count = (await log.QueryAsync(query)).Items.Count;
        }
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await log.QueryAsync(query);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (count, times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1]);
    }

    private static async Task<string> ExplainAsync(string connectionString, string where)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // The statement's shape as the repository sends it: a closed time range picks its ids from the time index first.
        var sql = where.Contains("at >=", StringComparison.Ordinal) && where.Contains("at <", StringComparison.Ordinal)
            ? $"SELECT * FROM audit_entries WHERE id IN (SELECT id FROM audit_entries WHERE project_key = '{Project}' {where} ORDER BY id + 0 DESC LIMIT 51) ORDER BY id DESC"
            : $"SELECT * FROM audit_entries WHERE project_key = '{Project}' {where} ORDER BY id DESC LIMIT 51";
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, connection);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add("    " + reader.GetString(0));
        }
        return string.Join('\n', lines);
    }

    // One entry a second, newest last; actions, people, flags and environments spread like a busy project's.
    private static string SeedSql(int entries) => $$"""
        INSERT INTO audit_entries (at, actor, action, project_key, environment_key, flag_key, before, after, reason)
        SELECT timestamptz '2026-11-01' + i * interval '1 second',
               'user-' || lpad((i % 40)::text, 2, '0') || '@example.com',
               a.action, '{{Project}}',
               CASE WHEN a.action = 'FlagUpdated' THEN NULL ELSE (ARRAY['development', 'staging', 'production'])[i % 3 + 1] END,
               CASE WHEN a.action = 'EnvironmentUpdated' THEN NULL ELSE 'flag-' || lpad((i * 7 % 1000)::text, 6, '0') END,
               '{"enabled":false,"rolloutBasisPoints":1000,"onVariant":"on","offVariant":"off","rules":[{"name":"Beta","conditions":[{"attribute":"country","operator":"in","values":["DE","AT"]}],"variant":"on"}],"updatedBy":"user-01@example.com","updatedAt":"2026-11-01T00:00:00Z"}',
               '{"enabled":true,"rolloutBasisPoints":1250,"onVariant":"on","offVariant":"off","rules":[{"name":"Beta","conditions":[{"attribute":"country","operator":"in","values":["DE","AT"]}],"variant":"on"}],"updatedBy":"user-02@example.com","updatedAt":"2026-11-01T00:00:01Z"}',
               CASE WHEN i % 5 = 0 THEN 'Ticket OPS-' || i ELSE NULL END
        FROM generate_series(1, {{entries}}) AS i
        CROSS JOIN LATERAL (SELECT CASE
            WHEN i % 10000 = 0 THEN 'EnvironmentUpdated'
            WHEN i % 10 < 6 THEN 'FlagToggled'
            WHEN i % 10 < 8 THEN 'RolloutChanged'
            WHEN i % 10 < 9 THEN 'TargetingChanged'
            ELSE 'FlagUpdated' END AS action) AS a
        """;

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
