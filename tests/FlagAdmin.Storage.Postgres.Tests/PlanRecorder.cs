using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace FlagAdmin.Storage.Postgres.Tests;

/// <summary>
/// Asks PostgreSQL, on the same connection and with the same parameters, how it will run each read whose text contains
/// <paramref name="reading"/> (e.g. <c>FROM audit_entries</c>), before the read runs.
/// </summary>
internal sealed class PlanRecorder(string reading) : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _plans = new();

    public IReadOnlyList<string> Plans => [.. _plans];

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains(reading, StringComparison.Ordinal))
        {
            await using var explain = new NpgsqlCommand("EXPLAIN (COSTS OFF) " + command.CommandText, (NpgsqlConnection)command.Connection!);
            foreach (NpgsqlParameter parameter in command.Parameters)
            {
                explain.Parameters.Add(parameter.Clone());
            }
            var lines = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    lines.Add(reader.GetString(0));
                }
            }
            _plans.Enqueue(string.Join('\n', lines));
        }
        return result;
    }
}
