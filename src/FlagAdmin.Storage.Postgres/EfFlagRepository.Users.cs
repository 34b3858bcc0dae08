using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Users;
using FlagAdmin.Storage.Postgres.Users;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FlagAdmin.Storage.Postgres;

/// <summary>
/// Users and access tokens, with the memory store's checks in the memory store's order.
/// </summary>
/// <remarks>
/// Creating or updating a user first takes one transaction-level advisory lock (<see cref="UsersLock"/>), held
/// until commit, so these writes run one at a time like under the memory store's lock. That is what makes the
/// checks that read other rows atomic: "no user exists yet" (two first-run setups cannot both see an empty
/// table) and "another active Admin remains" (two admins demoting each other cannot each count the other).
/// Row locks could not do it: there is no row to lock for "no user yet", and SERIALIZABLE would fail one
/// writer with a serialization error instead of giving it the same answer the memory store gives. User
/// writes are rare, so serializing them costs nothing that matters; token writes and sign-ins do not take it.
/// </remarks>
public sealed partial class EfFlagRepository : IUserRepository
{
    /// <summary>The advisory lock key of user writes: "FAUSERS\0" as a number, unlikely to clash with anyone else's.</summary>
    private const long UsersLock = 0x4641_5553_4552_5300;

    public Task<int> CountUsersAsync(CancellationToken cancellationToken = default) =>
        ReadAsync((db, ct) => db.Users.CountAsync(ct), cancellationToken);

    public Task<IReadOnlyList<User>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<User>>(async (db, ct) =>
            (await UsersWithSignIns(db).OrderBy(u => u.User.Email).ToListAsync(ct))
                .Select(u => u.User.ToDomain(u.SignIn)).ToList(),
            cancellationToken);

    public Task<User?> FindUserAsync(string id, CancellationToken cancellationToken = default) =>
        ReadAsync((db, ct) => ReadUserAsync(db, id, ct), cancellationToken);

    public Task<User?> FindUserByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        ReadAsync(async (db, ct) =>
        {
            var normalized = UserRules.NormalizeEmail(email);
            var found = await UsersWithSignIns(db).FirstOrDefaultAsync(u => u.User.Email == normalized, ct);
            return found?.User.ToDomain(found.SignIn);
        }, cancellationToken);

    public Task<User> CreateUserAsync(User user, bool onlyIfNoUsers, ChangeContext change, CancellationToken cancellationToken = default) =>
        WriteAsync(async (db, ct) =>
        {
            await LockUsersAsync(db, ct);
            var email = UserRules.NormalizeEmail(user.Email);
            if (onlyIfNoUsers && await db.Users.AnyAsync(ct))
            {
                throw new AlreadyExistsException("First user", "setup");
            }
            if (await db.Users.AnyAsync(u => u.Id == user.Id, ct))
            {
                throw new AlreadyExistsException("User", user.Id);
            }
            if (await db.Users.AnyAsync(u => u.Email == email, ct))
            {
                throw new AlreadyExistsException("User", email);
            }
            var now = _time.UtcNowMicroseconds();
            var created = UserRules.AsCreated(user, change, now);
            var row = UserRow.From(created);
            db.Users.Add(row);
            AddAudit(db, AuditRecords.Create(AuditAction.UserCreated, change, now, UserAudit.ProjectKey, null, null, null, UserAudit.View(created)));
            await SaveAsync(db, ct, unique: ("User", email));
            return created with { Version = row.Version };
        }, cancellationToken);

    public Task<User> UpdateUserAsync(User user, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default) =>
        WriteAsync(async (db, ct) =>
        {
            await LockUsersAsync(db, ct);
            var current = await ReadUserAsync(db, user.Id, ct) ?? throw new NotFoundException("User", user.Id);
            VersionConflictException.ThrowIfStale("User", user.Id, current.Version, expectedVersion, current, current.UpdatedBy, current.UpdatedAt);
            var now = _time.UtcNowMicroseconds();
            var updated = UserRules.WithEdits(current, user, change, now);
            if (UserRules.RemovesAnActiveAdmin(current, updated)
                && !await db.Users.AnyAsync(u => u.Id != current.Id && u.IsActive && u.Role == Role.Admin, ct))
            {
                throw UserRules.LastActiveAdmin(current, updated);
            }
            var row = UserRow.From(updated);
            Update(db, row, expectedVersion);
            AddAudit(db, AuditRecords.Create(AuditAction.UserUpdated, change, now, UserAudit.ProjectKey, null, null, UserAudit.View(current), UserAudit.View(updated)));
            await SaveAsync(db, ct, onConflict: async () =>
                await ReadUserAsync(db, user.Id, ct) is { } stored
                    ? Conflict("User", user.Id, stored, stored.UpdatedBy, stored.UpdatedAt)
                    : new NotFoundException("User", user.Id));
            return updated with { Version = row.Version };
        }, cancellationToken);

    /// <summary>One upsert outside any lock; no audit entry, and the user's row (so its version) is not touched.</summary>
    public Task RecordSignInAsync(string userId, int failedSignIns, DateTimeOffset? lockedUntil, DateTimeOffset? lastSignInAt, CancellationToken cancellationToken = default) =>
        ReadAsync(async (db, ct) =>
        {
            var locked = ToMicroseconds(lockedUntil);
            var last = ToMicroseconds(lastSignInAt);
            try
            {
                return await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO user_sign_ins (user_id, failed_sign_ins, locked_until, last_sign_in_at)
                    VALUES ({userId}, {failedSignIns}, {locked}, {last})
                    ON CONFLICT (user_id) DO UPDATE
                    SET failed_sign_ins = excluded.failed_sign_ins, locked_until = excluded.locked_until, last_sign_in_at = excluded.last_sign_in_at
                    """, ct);
            }
            catch (PostgresException e) when (e.SqlState == StoreErrors.ForeignKeyViolation)
            {
                throw new NotFoundException("User", userId);
            }
        }, cancellationToken);

    public Task<AccessToken> CreateTokenAsync(AccessToken token, ChangeContext change, CancellationToken cancellationToken = default) =>
        WriteAsync(async (db, ct) =>
        {
            if (!await db.Users.AnyAsync(u => u.Id == token.UserId, ct))
            {
                throw new NotFoundException("User", token.UserId);
            }
            var created = token with
            {
                CreatedAt = Clock.ToMicroseconds(token.CreatedAt),
                ExpiresAt = ToMicroseconds(token.ExpiresAt),
                RevokedAt = null,
                RevokedBy = null,
            };
            var row = AccessTokenRow.From(created);
            db.AccessTokens.Add(row);
            AddAudit(db, AuditRecords.Create<AccessToken>(AuditAction.AccessTokenCreated, change, _time.UtcNowMicroseconds(), UserAudit.ProjectKey, null, null, null, created));
            // The primary key and the unique secret hash both surface as a duplicate of this token.
            await SaveAsync(db, ct, unique: ("Access token", token.Id));
            return created with { Version = row.Version };
        }, cancellationToken);

    public Task<IReadOnlyList<AccessToken>> ListTokensAsync(string userId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<AccessToken>>(async (db, ct) =>
            (await db.AccessTokens.AsNoTracking()
                .Where(t => t.UserId == userId)
                .OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id)
                .ToListAsync(ct))
            .Select(r => r.ToDomain()).ToList(),
            cancellationToken);

    public Task<AccessToken?> FindTokenByHashAsync(string secretHash, CancellationToken cancellationToken = default) =>
        ReadAsync(async (db, ct) =>
            (await db.AccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.SecretHash == secretHash, ct))?.ToDomain(),
            cancellationToken);

    public Task<AccessToken> RevokeTokenAsync(string userId, string tokenId, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default) =>
        WriteAsync(async (db, ct) =>
        {
            var current = await ReadTokenAsync(db, userId, tokenId, ct) ?? throw new NotFoundException("Access token", tokenId);
            if (current.Version != expectedVersion)
            {
                // Revoking is the only change a token knows, so its revoker (if any) is who changed it.
                throw new VersionConflictException("Access token", tokenId, current, current.RevokedBy, current.RevokedAt);
            }
            if (current.RevokedAt is not null)
            {
                throw new ValidationException("token", $"Access token '{current.Name}' is already revoked.");
            }
            var now = _time.UtcNowMicroseconds();
            var revoked = current with { RevokedAt = now, RevokedBy = change.Actor };
            var row = AccessTokenRow.From(revoked);
            Update(db, row, expectedVersion);
            AddAudit(db, AuditRecords.Create(AuditAction.AccessTokenRevoked, change, now, UserAudit.ProjectKey, null, null, current, revoked));
            await SaveAsync(db, ct, onConflict: async () =>
                await ReadTokenAsync(db, userId, tokenId, ct) is { } stored
                    ? new VersionConflictException("Access token", tokenId, stored, stored.RevokedBy, stored.RevokedAt)
                    : new NotFoundException("Access token", tokenId));
            return revoked with { Version = row.Version };
        }, cancellationToken);

    /// <summary>Waits for, then holds until commit, the lock every user create and update takes (see the remarks above).</summary>
    private static Task LockUsersAsync(FlagAdminDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({UsersLock})", cancellationToken);

    private static IQueryable<UserWithSignIn> UsersWithSignIns(FlagAdminDbContext db) =>
        from u in db.Users.AsNoTracking()
        join s in db.UserSignIns.AsNoTracking() on u.Id equals s.UserId into signIns
        from s in signIns.DefaultIfEmpty()
        select new UserWithSignIn { User = u, SignIn = s };

    private static async Task<User?> ReadUserAsync(FlagAdminDbContext db, string id, CancellationToken cancellationToken)
    {
        var found = await UsersWithSignIns(db).FirstOrDefaultAsync(u => u.User.Id == id, cancellationToken);
        return found?.User.ToDomain(found.SignIn);
    }

    private static async Task<AccessToken?> ReadTokenAsync(FlagAdminDbContext db, string userId, string tokenId, CancellationToken cancellationToken) =>
        (await db.AccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken))?.ToDomain();

    private static DateTimeOffset? ToMicroseconds(DateTimeOffset? value) => value is { } v ? Clock.ToMicroseconds(v) : null;

    /// <summary>A user and its sign-in bookkeeping; member-initialized so EF can filter and order on it.</summary>
    private sealed class UserWithSignIn
    {
        public required UserRow User { get; init; }
        public UserSignInRow? SignIn { get; init; }
    }
}
