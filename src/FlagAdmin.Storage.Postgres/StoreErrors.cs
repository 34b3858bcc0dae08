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
    /// Turns an infrastructure failure into a domain error, or returns null for exceptions that are
    /// already the caller's business (domain errors, cancellation).
    /// </summary>
    public static Exception? Translate(Exception exception)
    {
        if (exception is FlagAdminException or OperationCanceledException)
        {
            return null;
        }
        if (IsUnavailable(exception))
        {
            return new StoreUnavailableException(exception);
        }
        var state = SqlState(exception);
        if (state is "22021" or "22P05")
        {
            // Text PostgreSQL cannot hold (a NUL character): the input is at fault, not the store.
            return new ValidationException("text", "Text may not contain the NUL character (\\u0000).");
        }
        if (exception is DbException or DbUpdateException)
        {
            // A bug or a schema mismatch: keep the detail, but not the driver's type.
            return new InvalidOperationException($"The PostgreSQL store failed: {exception.GetBaseException().Message}", exception);
        }
        return null;
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

    /// <summary>Connection problems, server shutting down, too many connections, missing database or bad credentials.</summary>
    private static bool IsUnavailable(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState.StartsWith("53", StringComparison.Ordinal)
        || sqlState.StartsWith("57P", StringComparison.Ordinal)
        || sqlState.StartsWith("28", StringComparison.Ordinal)
        || sqlState is "3D000" or "40001" or "40P01";
}
