using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;

namespace FlagAdmin.Core.Users;

public sealed partial class UserService
{
    /// <summary>
    /// A person changes their own password, proving the current one first (a wrong one counts towards the
    /// lockout like a wrong sign-in). Any role may; <paramref name="change"/> must be that person's.
    /// </summary>
    public async Task<User> ChangeOwnPasswordAsync(string userId, string? currentPassword, string? newPassword, ChangeContext change, CancellationToken cancellationToken = default)
    {
        var user = await users.FindUserAsync(userId, cancellationToken) ?? throw new NotFoundException("User", userId);
        if (!string.Equals(user.Email, change.Actor, StringComparison.OrdinalIgnoreCase) || !user.IsActive)
        {
            throw new ForbiddenException("Only the signed-in person changes their own password.");
        }
        var signIn = await SignInAsync(user.Email, currentPassword, cancellationToken);
        var errors = new ValidationErrors();
        errors.Add("currentPassword", signIn.Succeeded ? null : "The current password is not right (or the account is locked for a while).");
        errors.Add("newPassword", UserValidator.PasswordProblem(newPassword, user.Email));
        errors.Add("newPassword", newPassword is not null && newPassword == currentPassword ? "The new password must differ from the current one." : null);
        errors.ThrowIfAny();
        return await users.UpdateUserAsync(signIn.User! with
        {
            PasswordHash = hashing.Hash(newPassword!),
            UpdatedBy = change.Actor,
            UpdatedAt = time.UtcNowMicroseconds(),
        }, signIn.User!.Version, change, cancellationToken);
    }
}
