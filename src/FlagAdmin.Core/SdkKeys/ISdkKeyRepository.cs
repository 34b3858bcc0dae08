using FlagAdmin.Core.Common;

namespace FlagAdmin.Core.SdkKeys;

/// <summary>
/// Stores SDK keys, under the same rules as <c>IFlagRepository</c>: every write stores exactly one audit
/// entry in the same transaction (without the secret hash), a stale version is a conflict, and missing
/// projects or environments are <c>NotFoundException</c>.
/// </summary>
public interface ISdkKeyRepository
{
    /// <summary>Stores a new key for an existing environment. Audit: <c>SdkKeyCreated</c>.</summary>
    Task<SdkKey> CreateSdkKeyAsync(SdkKey key, ChangeContext change, CancellationToken cancellationToken = default);

    /// <summary>A project's keys, revoked ones included, newest first (then by id).</summary>
    Task<IReadOnlyList<SdkKey>> ListSdkKeysAsync(string projectKey, CancellationToken cancellationToken = default);

    /// <summary>The key whose secret hashes to <paramref name="secretHash"/>, revoked or not; null when none does.</summary>
    Task<SdkKey?> FindSdkKeyByHashAsync(string secretHash, CancellationToken cancellationToken = default);

    /// <summary>Marks a key revoked; revoking twice is a validation error. Audit: <c>SdkKeyRevoked</c>.</summary>
    Task<SdkKey> RevokeSdkKeyAsync(string projectKey, string id, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default);
}
