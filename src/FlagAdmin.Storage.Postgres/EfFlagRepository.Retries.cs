using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace FlagAdmin.Storage.Postgres;

/// <summary>
/// Trying a call again. Two failures are worth a second try, and only where a second try cannot store a change twice:
/// <list type="bullet">
/// <item>Collisions (<see cref="StoreErrors.IsCollision"/>: serialization failure, deadlock): PostgreSQL has rolled the
/// whole transaction back, whatever stage it was at, so it runs again from the start up to <see cref="CollisionAttempts"/>
/// times, after a short random pause that keeps two colliding callers from meeting again in step. Then the caller gets
/// <c>TransactionConflictException</c>.</item>
/// <item>A lost connection (<see cref="StoreErrors.IsConnectionLost"/>), once, on a fresh connection: the pool is
/// cleared first, because after a restart every connection in it is dead. Safe because a transaction whose connection
/// dies before COMMIT is sent is rolled back by the server: a read, and a write whose commit has not started, stored
/// nothing. A failure during the commit is never tried again (the commit may have landed): the caller hears that the
/// change may have been saved. A single-statement write commits on its own statement, so its outcome is unknown once
/// that statement is sent; it is tried again only because its writing statement is conditional on the version it
/// read (<see cref="WriteAsync{T}"/>): if the first try did commit, the second finds a newer version and reports a
/// conflict, never a second write.</item>
/// </list>
/// Inside a caller's transaction nothing is tried again on its own: the whole transaction is, work included.
/// </summary>
public sealed partial class EfFlagRepository
{
    /// <summary>How many times a call that keeps colliding with concurrent transactions runs before it gives up.</summary>
    internal const int CollisionAttempts = 4;

    /// <summary>
    /// Runs <paramref name="call"/> on a context of its own, again where that is safe, and translates what still fails;
    /// counted as a call in progress (<see cref="CloseAsync"/> waits for it).
    /// </summary>
    private async Task<T> TryAsync<T>(Func<FlagAdminDbContext, Attempt, Task<T>> call, CancellationToken cancellationToken)
    {
        Enter();
        try
        {
            return await TryAgainWhereSafeAsync(call, cancellationToken);
        }
        finally
        {
            Leave();
        }
    }

    private async Task<T> TryAgainWhereSafeAsync<T>(Func<FlagAdminDbContext, Attempt, Task<T>> call, CancellationToken cancellationToken)
    {
        var collisions = 0;
        var reconnected = false;
        while (true)
        {
            var attempt = new Attempt();
            string? connectionString = null;
            try
            {
                await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
                connectionString = db.Database.GetConnectionString();
                return await call(db, attempt);
            }
            catch (Exception e) when (StoreErrors.IsCollision(e) && collisions + 1 < CollisionAttempts)
            {
                collisions++;
                await Task.Delay(Pause(collisions), cancellationToken);
            }
            catch (Exception e) when (!reconnected && !attempt.Committing && StoreErrors.IsConnectionLost(e))
            {
                reconnected = true;
                ClearPool(connectionString);
            }
            catch (Exception e) when (StoreErrors.Translate(e, attempt.Committing) is { } translated)
            {
                throw translated;
            }
        }
    }

    /// <summary>10–20 ms after the first collision, doubling after each further one.</summary>
    private static TimeSpan Pause(int collisions)
    {
        var least = 10 << (collisions - 1);
        return TimeSpan.FromMilliseconds(least + Random.Shared.Next(least + 1));
    }

    private static void ClearPool(string? connectionString)
    {
        if (connectionString is not null)
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    /// <summary>One try of a call; knows whether its commit has started, after which it is never tried again.</summary>
    private sealed class Attempt
    {
        public bool Committing { get; private set; }

        public async Task CommitAsync(IDbContextTransaction transaction, CancellationToken cancellationToken)
        {
            Committing = true;
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
