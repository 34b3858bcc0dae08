namespace FlagAdmin.Core.SdkKeys;

/// <summary>
/// A credential that lets an application evaluate flags in exactly one environment of one project, and
/// nothing else. Only a hash of the secret is stored; the secret itself is shown once, at creation.
/// </summary>
public sealed record SdkKey
{
    /// <summary>Public identifier, safe to show and log (e.g. in lists and audit entries).</summary>
    public required string Id { get; init; }

    public required string ProjectKey { get; init; }
    public required string EnvironmentKey { get; init; }
    public required string Name { get; init; }

    /// <summary>The first characters of the secret, so people can tell keys apart.</summary>
    public required string Prefix { get; init; }

    /// <summary>SHA-256 of the secret, lowercase hex. Never shown, never written to the audit trail.</summary>
    public required string SecretHash { get; init; }

    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? RevokedBy { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public uint Version { get; init; }

    public bool IsRevoked => RevokedAt is not null;
}

public sealed record NewSdkKey(string ProjectKey, string EnvironmentKey, string Name);

/// <summary>A key just created: the stored record and, this one time only, its secret.</summary>
public sealed record CreatedSdkKey(SdkKey Key, string Secret);
