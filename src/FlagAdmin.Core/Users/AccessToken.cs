namespace FlagAdmin.Core.Users;

/// <summary>
/// A personal access token for the admin API: acts for <see cref="UserId"/> with at most that user's role.
/// Only a hash of the secret is stored; the secret is shown once, at creation. Not an SDK key, and never
/// accepted where an SDK key is expected (nor the other way round).
/// </summary>
public sealed record AccessToken
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Name { get; init; }

    /// <summary>The token's own role; the effective role is the lower of this and the user's current role.</summary>
    public required Role Role { get; init; }

    /// <summary>The first characters of the secret, so people can tell tokens apart.</summary>
    public required string Prefix { get; init; }

    /// <summary>SHA-256 of the secret, lowercase hex.</summary>
    public required string SecretHash { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevokedBy { get; init; }
    public uint Version { get; init; }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

public sealed record NewAccessToken(string Name, Role Role, DateTimeOffset? ExpiresAt);

/// <summary>A token just created: the stored record and, this one time only, its secret.</summary>
public sealed record CreatedAccessToken(AccessToken Token, string Secret);
