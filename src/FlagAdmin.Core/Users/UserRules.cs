using FlagAdmin.Core.Errors;

namespace FlagAdmin.Core.Users;

/// <summary>The rules a store checks atomically with a user write, worded the same for both stores.</summary>
public static class UserRules
{
    /// <summary>The email as stored and compared: trimmed and lowercase (invariant culture).</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>True when <paramref name="user"/> counts towards "at least one active Admin".</summary>
    public static bool IsActiveAdmin(User user) => user.IsActive && user.Role == Role.Admin;

    /// <summary>True when changing <paramref name="before"/> into <paramref name="after"/> takes away an active Admin.</summary>
    public static bool RemovesAnActiveAdmin(User before, User after) => IsActiveAdmin(before) && !IsActiveAdmin(after);

    /// <summary>The refusal of a change that would leave no active Admin, on the field the change touched.</summary>
    public static ValidationException LastActiveAdmin(User before, User after) => after.IsActive
        ? new ValidationException("role", $"{before.Email} is the last active Admin; make someone else an Admin before changing this role.")
        : new ValidationException("isActive", $"{before.Email} is the last active Admin; make someone else an Admin before deactivating this account.");
}
