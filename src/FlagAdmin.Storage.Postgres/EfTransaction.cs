using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FlagAdmin.Storage.Postgres;

/// <summary>
/// The context of a caller's transaction, shared by every call made in it, one call at a time. Each write runs
/// inside a savepoint, so a write that fails leaves the transaction as it was and usable (a failed statement
/// would otherwise doom it), like a failed write in the memory store; nothing is tracked from one call to the next.
/// </summary>
internal sealed class EfTransaction(FlagAdminDbContext db)
{
    private const string Savepoint = "flagadmin_write";
    private readonly SemaphoreSlim _oneCallAtATime = new(1, 1);
    private bool _ended;

    public void End() => _ended = true;

    public async Task<T> ReadAsync<T>(Func<FlagAdminDbContext, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        try
        {
            return await read(db, cancellationToken);
        }
        finally
        {
            Leave();
        }
    }

    public async Task<T> WriteAsync<T>(Func<FlagAdminDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("The transaction is gone.");
        try
        {
            await transaction.CreateSavepointAsync(Savepoint, cancellationToken);
            T result;
            try
            {
                result = await write(db, cancellationToken);
            }
            catch
            {
                await RollBackToSavepointAsync(transaction);
                throw;
            }
            await transaction.ReleaseSavepointAsync(Savepoint, cancellationToken);
            return result;
        }
        finally
        {
            Leave();
        }
    }

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        if (_ended)
        {
            throw new InvalidOperationException("This transaction has ended; use the repository, or start another transaction.");
        }
        await _oneCallAtATime.WaitAsync(cancellationToken);
    }

    private void Leave()
    {
        db.ChangeTracker.Clear();
        _oneCallAtATime.Release();
    }

    // When even this fails the connection is gone, and the commit will say so; the write's own failure is the one to report.
    private static async Task RollBackToSavepointAsync(IDbContextTransaction transaction)
    {
        try
        {
            await transaction.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
        }
    }
}
