using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Storage.Postgres.SdkKeys;
using Microsoft.EntityFrameworkCore;

namespace FlagAdmin.Storage.Postgres;

/// <summary>SDK keys, with the memory store's checks in the memory store's order: project, environment, then duplicates.</summary>
public sealed partial class EfFlagRepository : ISdkKeyRepository
{
    public Task<SdkKey> CreateSdkKeyAsync(SdkKey key, ChangeContext change, CancellationToken cancellationToken = default) =>
        WriteAsync(async (db, ct) =>
        {
            // One statement: null when the project is missing, else whether it has the environment.
            var environmentExists = await db.Projects
                .Where(p => p.Key == key.ProjectKey)
                .Select(p => (bool?)db.Environments.Any(e => e.ProjectKey == p.Key && e.Key == key.EnvironmentKey))
                .FirstOrDefaultAsync(ct);
            if (environmentExists is null)
            {
                throw new NotFoundException("Project", key.ProjectKey);
            }
            if (environmentExists is false)
            {
                throw new NotFoundException("Environment", key.EnvironmentKey);
            }
            var created = key with { CreatedBy = change.Actor, RevokedBy = null, RevokedAt = null };
            var row = SdkKeyRow.From(created);
            db.SdkKeys.Add(row);
            AddAudit(db, AuditRecords.Create<SdkKey>(AuditAction.SdkKeyCreated, change, key.CreatedAt, key.ProjectKey, key.EnvironmentKey, null, null, created));
            // The primary key and the unique secret hash both surface as a duplicate of this key.
            await SaveAsync(db, ct, unique: ("SDK key", key.Id));
            return created with { Version = row.Version };
        }, cancellationToken);

    public Task<IReadOnlyList<SdkKey>> ListSdkKeysAsync(string projectKey, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<SdkKey>>(async (db, ct) =>
        {
            var rows = await db.SdkKeys.AsNoTracking()
                .Where(k => k.ProjectKey == projectKey)
                .OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id)
                .ToListAsync(ct);
            return rows.Select(r => r.ToDomain()).ToList();
        }, cancellationToken);

    public Task<SdkKey?> FindSdkKeyByHashAsync(string secretHash, CancellationToken cancellationToken = default) =>
        ReadAsync(async (db, ct) =>
        {
            var row = await db.SdkKeys.AsNoTracking().FirstOrDefaultAsync(k => k.SecretHash == secretHash, ct);
            return row?.ToDomain();
        }, cancellationToken);

    public Task<SdkKey> RevokeSdkKeyAsync(string projectKey, string id, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default) =>
        WriteAsync(async (db, ct) =>
        {
            var current = await ReadSdkKeyAsync(db, projectKey, id, ct)
                ?? throw await MissingProjectOrAsync(db, projectKey, "SDK key", id, ct);
            VersionConflictException.ThrowIfStale("SDK key", id, current.Version, expectedVersion, current,
                current.RevokedBy ?? current.CreatedBy, current.RevokedAt ?? current.CreatedAt);
            if (current.IsRevoked)
            {
                throw new ValidationException("key", $"SDK key '{current.Name}' is already revoked.");
            }
            var now = _time.UtcNowMicroseconds();
            var revoked = current with { RevokedBy = change.Actor, RevokedAt = now };
            var row = SdkKeyRow.From(revoked);
            Update(db, row, expectedVersion);
            AddAudit(db, AuditRecords.Create(AuditAction.SdkKeyRevoked, change, now, projectKey, current.EnvironmentKey, null, current, revoked));
            await SaveAsync(db, ct, onConflict: async () =>
                await ReadSdkKeyAsync(db, projectKey, id, ct) is { } stored
                    ? Conflict("SDK key", id, stored, stored.RevokedBy ?? stored.CreatedBy, stored.RevokedAt ?? stored.CreatedAt)
                    : new NotFoundException("SDK key", id));
            return revoked with { Version = row.Version };
        }, cancellationToken);

    private static async Task<SdkKey?> ReadSdkKeyAsync(FlagAdminDbContext db, string projectKey, string id, CancellationToken cancellationToken)
    {
        var row = await db.SdkKeys.AsNoTracking().FirstOrDefaultAsync(k => k.ProjectKey == projectKey && k.Id == id, cancellationToken);
        return row?.ToDomain();
    }
}
