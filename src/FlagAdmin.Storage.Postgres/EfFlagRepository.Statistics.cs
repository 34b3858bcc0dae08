using FlagAdmin.Core.Stats;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FlagAdmin.Storage.Postgres;

public sealed partial class EfFlagRepository : IStoreStatistics
{
    // One statement, so every count comes from the same snapshot.
    private const string CountsSql = """
        SELECT (SELECT count(*) FROM projects), (SELECT count(*) FROM environments), (SELECT count(*) FROM flags),
               (SELECT count(*) FROM flag_states), (SELECT count(*) FROM users), (SELECT count(*) FROM access_tokens),
               (SELECT count(*) FROM sdk_keys), (SELECT count(*) FROM audit_entries), current_setting('server_version')
        """;

    // Every table of the store's schema, with its indexes and TOAST (EF's migration history included).
    private const string SizesSql = """
        SELECT c.relname, pg_total_relation_size(c.oid)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()
        ORDER BY c.relname
        """;

    /// <summary>Counts every table (<c>count(*)</c>), the tables' sizes on disk, the server's version and the migrations applied.</summary>
    public Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) =>
        TryAsync(async (db, _) =>
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            StoreCounts counts;
            string version;
            await using (var command = new NpgsqlCommand(CountsSql, connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                counts = new StoreCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
                    reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7));
                version = reader.GetString(8);
            }
            var sizes = new List<StoredSize>();
            await using (var command = new NpgsqlCommand(SizesSql, connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    sizes.Add(new StoredSize(reader.GetString(0), reader.GetInt64(1)));
                }
            }
            var migrations = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
            return new StoreStatistics("PostgreSQL", version, migrations, counts, sizes, _time.GetUtcNow());
        }, cancellationToken);
}
