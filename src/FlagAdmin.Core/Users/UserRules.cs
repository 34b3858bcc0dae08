using FlagAdmin.Core.Errors;

namespace FlagAdmin.Core.Users;

/// <summary>The rules a store checks atomically with a user write, worded the same for both stores.</summary>
public static class UserRules
{
    /// <summary>The email as stored and compared: trimmed and lowercase (invariant culture).</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>True when <paramref name="user"/> counts towards "at least one active Admin".</summary>
    public static bool IsActiveAdmin(User user) => user.IsActive && user.Role == Role.Admin;

    /// <summary>
    /// Throws a <see cref="ValidationException"/> when changing <paramref name="before"/> into <paramref name="after"/>
    /// would leave no active Admin; <paramref name="anotherActiveAdminExists"/> is only asked when it matters.
    /// </summary>
    public static void EnsureAnActiveAdminRemains(User before, User after, Func<bool> anotherActiveAdminExists)
    {
        if (!IsActiveAdmin(before) || IsActiveAdmin(after) || anotherActiveAdminExists())
        {
            return;
        }
        throw after.IsActive
            ? new ValidationException("role", $"{before.Email} is the last active Admin; make someone else an Admin before changing this role.")
            : new ValidationException("isActive", $"{before.Email} is the last active Admin; make someone else an Admin before deactivating this account.");
    }
}
