using System.Data.Common;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Storage.Postgres.Changes;
using FlagAdmin.Storage.Postgres.Flags;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace FlagAdmin.Storage.Postgres;

/// <summary>
/// The PostgreSQL store, with the memory store's promises: versions are <c>xmin</c> and every update
/// names the one it started from (<c>UPDATE … WHERE xmin = @expected</c>); every write is one
/// transaction holding the change and its audit row. A thread-safe singleton: each call takes its own
/// <see cref="FlagAdminDbContext"/> from the factory.
/// </summary>
/// <remarks>
/// Row locks keep the checks the memory store makes under its lock true until commit:
/// <list type="bullet">
/// <item>a state change writes in one statement that holds its flag <c>FOR SHARE</c> and writes only if the
/// flag's variants are still the ones it checked, and a flag update takes the flag <c>FOR NO KEY UPDATE</c>
/// before it reads the states it checks, so a variant can never be removed while an environment starts
/// serving it;</item>
/// <item>creating or deleting a flag holds the project <c>FOR SHARE</c> and creating an environment
/// takes it <c>FOR NO KEY UPDATE</c>, so every flag gets a state in every environment.</item>
/// </list>
/// None of these locks changes a row's <c>xmin</c>, so none of them changes a version.
/// </remarks>
public sealed partial class EfFlagRepository : IFlagRepository, IAuditLog
{
    private readonly IDbContextFactory<FlagAdminDbContext> _contexts;
    private readonly TimeProvider _time;
    private readonly ChangeSignal? _changed;

    /// <param name="changed">Raised after every committed write, to tell other processes (docs/decisions/0006); none tells nobody.</param>
    public EfFlagRepository(IDbContextFactory<FlagAdminDbContext> contexts, TimeProvider time, ChangeSignal? changed = null)
    {
        _contexts = contexts;
        _time = time;
        _changed = changed;
    }

    /// <summary>Runs a read on a context of its own (in a transaction, on the transaction's), again where that is safe (<see cref="TryAsync{T}"/>).</summary>
    private Task<T> ReadAsync<T>(Func<FlagAdminDbContext, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        _transaction is not null
            ? InCallersTransactionAsync(() => _transaction.ReadAsync(read, cancellationToken))
            : TryAsync((db, _) => read(db, cancellationToken), cancellationToken);

    /// <summary>
    /// Runs a write in one transaction on a context of its own; commits only when the write returns.
    /// Any exception rolls everything back, the audit row included. A <paramref name="singleStatement"/> write (one
    /// statement writes, reads beside it are fine) commits on its own, without BEGIN and COMMIT; its writing statement
    /// must be conditional on the version it read, so that running it again cannot write twice (<see cref="TryAsync{T}"/>).
    /// In a caller's transaction, the write is part of it.
    /// </summary>
    private Task<T> WriteAsync<T>(Func<FlagAdminDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken, bool singleStatement = false) =>
        _transaction is not null
            ? InCallersTransactionAsync(() => _transaction.WriteAsync(write, cancellationToken))
            : TryAsync(async (db, attempt) =>
            {
                // The whole write is one transaction; a savepoint per SaveChanges would only cost round trips.
                db.Database.AutoSavepointsEnabled = false;
                await db.Database.OpenConnectionAsync(cancellationToken);
                await using var transaction = singleStatement ? null : await db.Database.BeginTransactionAsync(cancellationToken);
                var result = await write(db, cancellationToken);
                if (transaction is not null)
                {
                    await attempt.CommitAsync(transaction, cancellationToken);
                }
                // After the commit, never inside the transaction: the NOTIFY is sent beside it (docs/decisions/0006).
                _changed?.Raise();
                return result;
            }, cancellationToken);

    /// <summary>A call inside a caller's transaction: translated, never tried again on its own (the whole transaction may be).</summary>
    private static async Task<T> InCallersTransactionAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (StoreErrors.Translate(e) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// Saves the tracked changes (the change and its audit row, in one batch). A duplicate key becomes
    /// <see cref="AlreadyExistsException"/>; a stale version runs <paramref name="onConflict"/>, which
    /// re-reads the row and returns the exception to throw.
    /// </summary>
    private static async Task SaveAsync(
        FlagAdminDbContext db, CancellationToken cancellationToken,
        (string What, string Key)? unique = null,
        Func<Task<Exception>>? onConflict = null)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException) when (onConflict is not null)
        {
            // No statement failed, so the transaction can still read; it is rolled back afterwards.
            throw await onConflict();
        }
        catch (DbUpdateException e) when (unique is { } u && StoreErrors.SqlState(e) == StoreErrors.UniqueViolation)
        {
            throw new AlreadyExistsException(u.What, u.Key, e);
        }
    }

    private static void AddAudit(FlagAdminDbContext db, AuditEntry entry) => db.AuditEntries.Add(RowMapping.ToRow(entry));

    /// <summary>Tracks <paramref name="row"/> as an update of the stored row whose version is <paramref name="expectedVersion"/>.</summary>
    private static void Update<TRow>(FlagAdminDbContext db, TRow row, uint expectedVersion)
        where TRow : class
    {
        var entry = db.Entry(row);
        entry.State = EntityState.Modified;
        entry.Property<uint>("Version").OriginalValue = expectedVersion;
    }

    /// <summary>
    /// Runs plain SQL on the context's connection and transaction through EF's command pipeline, so EF's logging
    /// and interceptors see it, and maps the first row it returns; the default when it returns none.
    /// </summary>
    private static async Task<T?> QueryAsync<T>(
        FlagAdminDbContext db, string sql, NpgsqlParameter[] parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var command = db.GetService<IRawSqlCommandBuilder>().Build(sql, parameters);
        await using var reader = await command.RelationalCommand.ExecuteReaderAsync(new RelationalCommandParameterObject(
            db.GetService<IRelationalConnection>(), command.ParameterValues, readerColumns: null, db,
            db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.ExecuteSqlRaw), cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? map(reader.DbDataReader) : default;
    }

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Json(string name, NpgsqlDbType type, string? json) =>
        new(name, type) { Value = (object?)json ?? DBNull.Value };

    /// <summary>The states of the given flags of a project, each flag's in environment order (then key).</summary>
    private static IQueryable<FlagStateRow> StatesInEnvironmentOrder(FlagAdminDbContext db, string projectKey, string[] flagKeys) =>
        from s in db.FlagStates.AsNoTracking()
        join e in db.Environments on new { P = s.ProjectKey, K = s.EnvironmentKey } equals new { P = e.ProjectKey, K = e.Key }
        where s.ProjectKey == projectKey && flagKeys.Contains(s.FlagKey)
        orderby e.Order, e.Key
        select s;

    /// <summary>Names what is missing in the order the memory store checks: project, then flag, then environment.</summary>
    private static async Task<NotFoundException> MissingAsync(
        FlagAdminDbContext db, string projectKey, string flagKey, string? environmentKey, CancellationToken cancellationToken)
    {
        if (!await db.Projects.AnyAsync(p => p.Key == projectKey, cancellationToken))
        {
            return new NotFoundException("Project", projectKey);
        }
        if (environmentKey is null || !await db.Flags.AnyAsync(f => f.ProjectKey == projectKey && f.Key == flagKey, cancellationToken))
        {
            return new NotFoundException("Flag", flagKey);
        }
        return new NotFoundException("Environment", environmentKey);
    }

    private static async Task<NotFoundException> MissingProjectOrAsync(
        FlagAdminDbContext db, string projectKey, string what, string key, CancellationToken cancellationToken) =>
        await db.Projects.AnyAsync(p => p.Key == projectKey, cancellationToken)
            ? new NotFoundException(what, key)
            : new NotFoundException("Project", projectKey);
}
