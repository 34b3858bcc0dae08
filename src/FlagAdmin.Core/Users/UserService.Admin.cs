using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;

namespace FlagAdmin.Core.Users;

public sealed partial class UserService
{
    /// <summary>All users, ordered by email; an Admin's view.</summary>
    public Task<IReadOnlyList<User>> ListUsersAsync(ChangeContext viewer, CancellationToken cancellationToken = default)
    {
        Permissions.Require(viewer, Role.Admin, "Seeing the list of users");
        return users.ListUsersAsync(cancellationToken);
    }

    /// <summary>An Admin adds a person with a role and an initial password (to hand over and have changed).</summary>
    public async Task<User> CreateUserAsync(NewUser user, ChangeContext change, CancellationToken cancellationToken = default)
    {
        Permissions.Require(change, Role.Admin, "Adding a user");
        return await users.CreateUserAsync(NewUserRecord(user, change.Actor), onlyIfNoUsers: false, change, cancellationToken);
    }

    /// <summary>
    /// An Admin changes a user's display name, role, active state or password (fields left null stay). The
    /// store refuses a change that would leave no active Admin. Nobody deactivates their own account. A new
    /// password also lifts a lockout.
    /// </summary>
    public async Task<User> UpdateUserAsync(UserUpdate update, ChangeContext change, CancellationToken cancellationToken = default)
    {
        Permissions.Require(change, Role.Admin, "Changing a user");
        var current = await users.FindUserAsync(update.Id, cancellationToken) ?? throw new NotFoundException("User", update.Id);
        var errors = new ValidationErrors();
        var displayName = update.DisplayName is null ? current.DisplayName : UserValidator.DisplayNameOrDefault(update.DisplayName, current.Email);
        errors.Add("displayName", UserValidator.DisplayNameProblem(displayName));
        errors.Add("role", update.Role is { } role && !Enum.IsDefined(role) ? "Choose Viewer, Editor or Admin." : null);
        errors.Add("password", update.NewPassword is null ? null : UserValidator.PasswordProblem(update.NewPassword, current.Email));
        errors.Add("isActive", update.IsActive == false && string.Equals(current.Email, change.Actor, StringComparison.OrdinalIgnoreCase)
            ? "You cannot deactivate your own account; ask another admin." : null);
        errors.ThrowIfAny();

        var updated = await users.UpdateUserAsync(current with
        {
            DisplayName = displayName,
            Role = update.Role ?? current.Role,
            IsActive = update.IsActive ?? current.IsActive,
            PasswordHash = update.NewPassword is null ? current.PasswordHash : hashing.Hash(update.NewPassword),
            UpdatedBy = change.Actor,
            UpdatedAt = time.UtcNowMicroseconds(),
        }, update.ExpectedVersion, change, cancellationToken);
        if (update.NewPassword is not null && (updated.FailedSignIns > 0 || updated.LockedUntil is not null))
        {
            await users.RecordSignInAsync(updated.Id, 0, null, updated.LastSignInAt, cancellationToken);
            updated = updated with { FailedSignIns = 0, LockedUntil = null };
        }
        return updated;
    }
}
