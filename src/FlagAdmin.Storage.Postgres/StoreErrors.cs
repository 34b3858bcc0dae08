using System.Data.Common;
using System.Net.Sockets;
using FlagAdmin.Core.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FlagAdmin.Storage.Postgres;

/// <summary>Sorts what PostgreSQL, Npgsql and EF Core throw into the domain's errors, so nothing above the repository sees them.</summary>
internal static class StoreErrors
{
    public const string UniqueViolation = "23505";
    public const string ForeignKeyViolation = "23503";

    /// <summary>The SQLSTATE of the first <see cref="PostgresException"/> in the chain, if any.</summary>
    public static string? SqlState(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
            {
                return postgres.SqlState;
            }
        }
        return null;
    }

    /// <summary>
    /// Turns an infrastructure failure into a domain error, or returns null for exceptions that are already the
    /// caller's business (domain errors, cancellation). <paramref name="duringCommit"/>: the failure came while the
    /// commit was under way, so a lost connection leaves the outcome unknown.
    /// </summary>
    public static Exception? Translate(Exception exception, bool duringCommit = false)
    {
        if (exception is FlagAdminException or OperationCanceledException)
        {
            return null;
        }
        if (IsCollision(exception))
        {
            return new TransactionConflictException(exception);
        }
        if (IsUnavailable(exception))
        {
            return new StoreUnavailableException(exception, mayHaveBeenSaved: duringCommit);
        }
        var state = SqlState(exception);
        if (state is "22021" or "22P05")
        {
            // Text PostgreSQL cannot hold (a NUL character): the input is at fault, not the store.
            return new ValidationException("text", "Text may not contain the NUL character (\\u0000).");
        }
        if (state is not null || exception is DbException or DbUpdateException)
        {
            // A bug, a schema mismatch or a trigger: the detail stays in the inner exception (and EF's log), not in the sentence.
            return new StoreFailedException(state ?? "without a code", exception);
        }
        return null;
    }

    /// <summary>
    /// Concurrent transactions collided (a serialization failure, 40001, or a deadlock, 40P01): PostgreSQL rolled this
    /// one back as a whole, so running it again from the start is safe and usually succeeds.
    /// </summary>
    public static bool IsCollision(Exception exception) => SqlState(exception) is "40001" or "40P01";

    /// <summary>
    /// An established connection died under the call: the server ended the session (57P01 administrator command or
    /// shutdown, 57P02 crash of another backend), refused it while starting (57P03), or the socket broke. What the
    /// first request after a restart meets on a connection pooled before it. Not a server that cannot be reached at
    /// all (refused, timed out): a fresh connection would fail the same way.
    /// </summary>
    public static bool IsConnectionLost(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return postgres.SqlState is "57P01" or "57P02" or "57P03" || postgres.SqlState.StartsWith("08", StringComparison.Ordinal);
                case NpgsqlException { InnerException: IOException or EndOfStreamException }:
                    return true;
            }
        }
        return false;
    }

    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return IsUnavailable(postgres.SqlState);
                case NpgsqlException or SocketException or TimeoutException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Connection problems, server shutting down, too many connections or out of resources, missing database or bad
    /// credentials, and a statement the server cancelled for taking too long (statement_timeout).
    /// </summary>
    private static bool IsUnavailable(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState.StartsWith("53", StringComparison.Ordinal)
        || sqlState.StartsWith("57P", StringComparison.Ordinal)
        || sqlState.StartsWith("28", StringComparison.Ordinal)
        || sqlState is "3D000" or "57014";
}
