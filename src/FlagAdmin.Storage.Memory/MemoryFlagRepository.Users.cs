using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Users;
using FlagAdmin.Storage.Memory.Journal;

namespace FlagAdmin.Storage.Memory;

/// <summary>
/// Users and access tokens, under the same lock, version counter, audit ids and journal as the flags: the
/// single write lock makes "only if there are no users" and "an active Admin remains" atomic.
/// </summary>
public sealed partial class MemoryFlagRepository
{
    public Task<int> CountUsersAsync(CancellationToken cancellationToken = default) =>
        Answer(_users.ById.Count, cancellationToken);

    public Task<IReadOnlyList<User>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        Answer<IReadOnlyList<User>>(_users.ById.Values.OrderBy(u => u.Email, StringComparer.Ordinal).ToList(), cancellationToken);

    public Task<User?> FindUserAsync(string id, CancellationToken cancellationToken = default) =>
        Answer(_users.ById.GetValueOrDefault(id), cancellationToken);

    public Task<User?> FindUserByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        Answer(_users.IdsByEmail.TryGetValue(UserRules.NormalizeEmail(email), out var id) ? _users.ById.GetValueOrDefault(id) : null, cancellationToken);

    public Task<User> CreateUserAsync(User user, bool onlyIfNoUsers, ChangeContext change, CancellationToken cancellationToken = default)
    {
        using (_writeGate.Hold(cancellationToken))
        {
            var email = UserRules.NormalizeEmail(user.Email);
            if (onlyIfNoUsers && !_users.ById.IsEmpty)
            {
                throw new AlreadyExistsException("First user", "setup");
            }
            if (_users.ById.ContainsKey(user.Id))
            {
                throw new AlreadyExistsException("User", user.Id);
            }
            if (_users.IdsByEmail.ContainsKey(email))
            {
                throw new AlreadyExistsException("User", email);
            }
            var now = _time.UtcNowMicroseconds();
            var created = UserRules.AsCreated(user, change, now) with { Version = NextVersion() };
            var audit = UserAudit.Describe(AuditAction.UserCreated, change, now);
            Commit(Record(audit) with { User = created }, null, UserAudit.View(created));
            return Task.FromResult(created);
        }
    }

    public Task<User> UpdateUserAsync(User user, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default)
    {
        using (_writeGate.Hold(cancellationToken))
        {
            var current = RequireUser(user.Id);
            VersionConflictException.ThrowIfStale("User", user.Id, current.Version, expectedVersion, current, current.UpdatedBy, current.UpdatedAt);
            var now = _time.UtcNowMicroseconds();
            var updated = UserRules.WithEdits(current, user, change, now) with { Version = NextVersion() };
            if (UserRules.RemovesAnActiveAdmin(current, updated) && !_users.ById.Values.Any(u => u.Id != current.Id && UserRules.IsActiveAdmin(u)))
            {
                throw UserRules.LastActiveAdmin(current, updated);
            }
            var audit = UserAudit.Describe(AuditAction.UserUpdated, change, now);
            Commit(Record(audit) with { User = updated }, UserAudit.View(current), UserAudit.View(updated));
            return Task.FromResult(updated);
        }
    }

    public Task RecordSignInAsync(string userId, int failedSignIns, DateTimeOffset? lockedUntil, DateTimeOffset? lastSignInAt, CancellationToken cancellationToken = default)
    {
        using (_writeGate.Hold(cancellationToken))
        {
            RequireUser(userId);
            var record = new JournalRecord
            {
                SignIn = new SignInRecord(userId, failedSignIns, ToMicroseconds(lockedUntil), ToMicroseconds(lastSignInAt)),
            };
            Append(record);
            Apply(record, audit: null);
            return Task.CompletedTask;
        }
    }

    public Task<AccessToken> CreateTokenAsync(AccessToken token, ChangeContext change, CancellationToken cancellationToken = default)
    {
        using (_writeGate.Hold(cancellationToken))
        {
            RequireUser(token.UserId);
            if (_users.TokensById.ContainsKey(token.Id) || _users.TokensByHash.ContainsKey(token.SecretHash))
            {
                throw new AlreadyExistsException("Access token", token.Id);
            }
            var created = token with
            {
                CreatedAt = Clock.ToMicroseconds(token.CreatedAt),
                ExpiresAt = ToMicroseconds(token.ExpiresAt),
                RevokedAt = null,
                RevokedBy = null,
                Version = NextVersion(),
            };
            var audit = UserAudit.Describe(AuditAction.AccessTokenCreated, change, _time.UtcNowMicroseconds());
            Commit(Record(audit) with { AccessToken = created }, null, created);
            return Task.FromResult(created);
        }
    }

    public Task<IReadOnlyList<AccessToken>> ListTokensAsync(string userId, CancellationToken cancellationToken = default) =>
        Answer<IReadOnlyList<AccessToken>>(_users.TokensById.Values
            .Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToList(), cancellationToken);

    public Task<AccessToken?> FindTokenByHashAsync(string secretHash, CancellationToken cancellationToken = default) =>
        Answer(_users.TokensByHash.GetValueOrDefault(secretHash), cancellationToken);

    public Task<AccessToken> RevokeTokenAsync(string userId, string tokenId, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default)
    {
        using (_writeGate.Hold(cancellationToken))
        {
            var current = _users.TokensById.TryGetValue(tokenId, out var token) && token.UserId == userId
                ? token
                : throw new NotFoundException("Access token", tokenId);
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
            var revoked = current with { RevokedAt = now, RevokedBy = change.Actor, Version = NextVersion() };
            var audit = UserAudit.Describe(AuditAction.AccessTokenRevoked, change, now);
            Commit(Record(audit) with { AccessToken = revoked }, current, revoked);
            return Task.FromResult(revoked);
        }
    }

    private User RequireUser(string id) =>
        _users.ById.TryGetValue(id, out var user) ? user : throw new NotFoundException("User", id);

    private static DateTimeOffset? ToMicroseconds(DateTimeOffset? value) => value is { } v ? Clock.ToMicroseconds(v) : null;

    /// <summary>Publishes a committed user, token or sign-in record (see <see cref="Apply"/>).</summary>
    private void ApplyUsers(JournalRecord record, MemoryAuditRecord? audit)
    {
        if (record.User is { } user)
        {
            _users.Put(user);
        }
        if (record.AccessToken is { } token)
        {
            _users.Put(token);
        }
        if (record.SignIn is { } signIn && _users.ById.TryGetValue(signIn.UserId, out var signedIn))
        {
            _users.Put(signedIn with
            {
                FailedSignIns = signIn.FailedSignIns,
                LockedUntil = signIn.LockedUntil,
                LastSignInAt = signIn.LastSignInAt,
            });
        }
        if (audit is not null)
        {
            lock (_auditLock)
            {
                _users.Audit.Add(audit);
            }
        }
    }
}
