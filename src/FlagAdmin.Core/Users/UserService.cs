using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;

namespace FlagAdmin.Core.Users;

/// <summary>
/// The use cases around people: signing in (with lockout), the first admin, the admin's user management and
/// personal access tokens. Every write goes through <see cref="IUserRepository"/> with a
/// <see cref="ChangeContext"/>, so the store writes its audit entry; passwords reach the store only hashed.
/// </summary>
public sealed partial class UserService(IUserRepository users, IPasswordHashing hashing, TimeProvider time, IAuditLog auditLog)
{
    /// <summary>True once any user exists; until then only the first-admin setup can create one.</summary>
    public async Task<bool> HasUsersAsync(CancellationToken cancellationToken = default) =>
        await users.CountUsersAsync(cancellationToken) > 0;

    public Task<User?> FindUserAsync(string id, CancellationToken cancellationToken = default) =>
        users.FindUserAsync(id, cancellationToken);

    /// <summary>
    /// Creates the first user, an Admin, only while the store holds no user at all (atomically, so two
    /// concurrent setups cannot both succeed: the second gets <see cref="AlreadyExistsException"/>).
    /// <paramref name="via"/> names where it came from in the audit trail (the setup page, configuration).
    /// </summary>
    public async Task<User> CreateFirstAdminAsync(NewUser admin, string via, CancellationToken cancellationToken = default)
    {
        var user = NewUserRecord(admin with { Role = Role.Admin }, createdBy: UserRules.NormalizeEmail(admin.Email ?? ""));
        var change = new ChangeContext(user.Email, "First admin", Role.Admin, via);
        return await users.CreateUserAsync(user, onlyIfNoUsers: true, change, cancellationToken);
    }

    private User NewUserRecord(NewUser user, string createdBy)
    {
        var email = UserRules.NormalizeEmail(user.Email ?? "");
        var displayName = UserValidator.DisplayNameOrDefault(user.DisplayName, email);
        UserValidator.Validate(user, email, displayName);
        var now = time.UtcNowMicroseconds();
        return new User
        {
            Id = NewUserId(),
            Email = email,
            DisplayName = displayName,
            Role = user.Role,
            PasswordHash = hashing.Hash(user.Password),
            CreatedBy = createdBy,
            CreatedAt = now,
            UpdatedBy = createdBy,
            UpdatedAt = now,
        };
    }

    private static string NewUserId() => "usr_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
}
