using FlagAdmin.Core.Common;
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

    /// <summary>A new user as a store keeps it: normalized email, no sign-in history, stamped by the change.</summary>
    public static User AsCreated(User user, ChangeContext change, DateTimeOffset now) => user with
    {
        Email = NormalizeEmail(user.Email),
        FailedSignIns = 0,
        LockedUntil = null,
        LastSignInAt = null,
        CreatedBy = change.Actor,
        CreatedAt = now,
        UpdatedBy = change.Actor,
        UpdatedAt = now,
    };

    /// <summary><paramref name="current"/> with the editable fields of <paramref name="edited"/>; email and sign-in history stay.</summary>
    public static User WithEdits(User current, User edited, ChangeContext change, DateTimeOffset now) => current with
    {
        DisplayName = edited.DisplayName,
        Role = edited.Role,
        IsActive = edited.IsActive,
        PasswordHash = edited.PasswordHash,
        UpdatedBy = change.Actor,
        UpdatedAt = now,
    };
}
