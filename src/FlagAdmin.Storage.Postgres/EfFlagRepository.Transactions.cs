using FlagAdmin.Core.Flags;
using Microsoft.EntityFrameworkCore;

namespace FlagAdmin.Storage.Postgres;

/// <summary>
/// Transactions: one database transaction (read committed, like every write) on one context, handed to the work as
/// a repository whose calls all run in it. Row locks taken by its writes hold until it ends, so others' writes to
/// the same rows wait and then find a new version. Other processes hear of it once, after the commit.
/// </summary>
public sealed partial class EfFlagRepository
{
    private readonly EfTransaction? _transaction;

    private EfFlagRepository(EfFlagRepository store, EfTransaction transaction)
    {
        _contexts = store._contexts;
        _time = store._time;
        _transaction = transaction;
    }

    /// <remarks>
    /// A transaction that collides with others, or whose connection is lost before its commit starts, runs again from
    /// the start (<see cref="TryAsync{T}"/>), <paramref name="work"/> included: it must do nothing but call the
    /// repository it is handed.
    /// </remarks>
    public async Task<T> InTransactionAsync<T>(Func<IFlagRepository, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        if (_transaction is not null)
        {
            return await work(this, cancellationToken);
        }
        return await TryAsync(async (db, attempt) =>
        {
            // Each write has a savepoint of its own (EfTransaction); EF's around each SaveChanges would be one more.
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var scope = new EfTransaction(db);
            T result;
            try
            {
                result = await work(new EfFlagRepository(this, scope), cancellationToken);
            }
            finally
            {
                scope.End();
            }
            await attempt.CommitAsync(transaction, cancellationToken);
            _changed?.Raise();
            return result;
        }, cancellationToken);
    }
}
