using FlagAdmin.Core.Common;

namespace FlagAdmin.Core.Users;

/// <summary>
/// Stores users and their access tokens, under the same rules as <c>IFlagRepository</c>: every change a person
/// makes (create, update, token created or revoked) stores exactly one audit entry in the same transaction
/// (without hashes); a stale version is a <c>VersionConflictException</c>; both stores behave identically
/// (proven by the contract suite). Sign-in bookkeeping (<see cref="RecordSignInAsync"/>) is not audited.
/// </summary>
public interface IUserRepository
{
    Task<int> CountUsersAsync(CancellationToken cancellationToken = default);

    /// <summary>All users, ordered by email.</summary>
    Task<IReadOnlyList<User>> ListUsersAsync(CancellationToken cancellationToken = default);

    Task<User?> FindUserAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Case-insensitive.</summary>
    Task<User?> FindUserByEmailAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a new user; <c>AlreadyExistsException</c> when the email is taken. With
    /// <paramref name="onlyIfNoUsers"/> the store refuses (<c>AlreadyExistsException</c>) unless it holds no user
    /// at all, atomically, so two concurrent first-run setups cannot both succeed. Audit: <c>UserCreated</c>.
    /// </summary>
    Task<User> CreateUserAsync(User user, bool onlyIfNoUsers, ChangeContext change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a user's editable fields (display name, role, active, password hash). Refuses with a
    /// <c>ValidationException</c> a change that would leave no active Admin, atomically (two admins demoting
    /// each other at once cannot both succeed). Audit: <c>UserUpdated</c>.
    /// </summary>
    Task<User> UpdateUserAsync(User user, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default);

    /// <summary>Sign-in bookkeeping: failed count, lock-out end and last sign-in. Not versioned against callers, not audited.</summary>
    Task RecordSignInAsync(string userId, int failedSignIns, DateTimeOffset? lockedUntil, DateTimeOffset? lastSignInAt, CancellationToken cancellationToken = default);

    /// <summary>Stores a token for an existing user. Audit: <c>AccessTokenCreated</c>.</summary>
    Task<AccessToken> CreateTokenAsync(AccessToken token, ChangeContext change, CancellationToken cancellationToken = default);

    /// <summary>A user's tokens, revoked ones included, newest first.</summary>
    Task<IReadOnlyList<AccessToken>> ListTokensAsync(string userId, CancellationToken cancellationToken = default);

    Task<AccessToken?> FindTokenByHashAsync(string secretHash, CancellationToken cancellationToken = default);

    /// <summary>Marks a token revoked; revoking twice is a validation error. Audit: <c>AccessTokenRevoked</c>.</summary>
    Task<AccessToken> RevokeTokenAsync(string userId, string tokenId, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default);
}
