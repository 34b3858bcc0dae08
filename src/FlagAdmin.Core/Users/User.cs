namespace FlagAdmin.Core.Users;

/// <summary>
/// A person who signs in to FlagAdmin. <see cref="Email"/> is the identity (unique, compared lowercase) and
/// the name audit entries carry. Only a hash of the password is stored.
/// </summary>
public sealed record User
{
    /// <summary>Stable public identifier (safe in URLs and logs).</summary>
    public required string Id { get; init; }

    /// <summary>Lowercase, trimmed; unique in the store.</summary>
    public required string Email { get; init; }

    public required string DisplayName { get; init; }
    public required Role Role { get; init; }

    /// <summary>A deactivated user cannot sign in and their tokens stop working; the record stays for the audit trail.</summary>
    public bool IsActive { get; init; } = true;

    /// <summary>Hash produced by the host's password hasher; never shown, never written to the audit trail.</summary>
    public required string PasswordHash { get; init; }

    /// <summary>Failed sign-ins since the last successful one (drives lockout).</summary>
    public int FailedSignIns { get; init; }

    public DateTimeOffset? LockedUntil { get; init; }
    public DateTimeOffset? LastSignInAt { get; init; }

    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string UpdatedBy { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public uint Version { get; init; }
}

public sealed record NewUser(string Email, string DisplayName, Role Role, string Password);

/// <summary>An admin's edit of another user: any field left null stays as it is.</summary>
public sealed record UserUpdate
{
    public required string Id { get; init; }
    public required uint ExpectedVersion { get; init; }
    public string? DisplayName { get; init; }
    public Role? Role { get; init; }
    public bool? IsActive { get; init; }

    /// <summary>A new password in clear text; hashed by the service before it reaches the store.</summary>
    public string? NewPassword { get; init; }
}
