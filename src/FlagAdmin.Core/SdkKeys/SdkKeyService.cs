using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Core.SdkKeys;

/// <summary>
/// Creates, lists and revokes SDK keys (creating and revoking need the Admin role), and tells the key cache at
/// once so a revoked key stops working immediately.
/// </summary>
public sealed class SdkKeyService(ISdkKeyRepository repository, SdkKeyCache cache, TimeProvider time)
{
    public async Task<CreatedSdkKey> CreateAsync(NewSdkKey key, ChangeContext change, CancellationToken cancellationToken = default)
    {
        Permissions.Require(change, Role.Admin, "Creating an SDK key");
        var name = key.Name?.Trim() ?? "";
        var errors = new ValidationErrors();
        errors.Add("name", ProjectValidator.NameProblem(name, "Key name"));
        errors.Add("environment", string.IsNullOrWhiteSpace(key.EnvironmentKey) ? "Choose the environment the key may read." : null);
        errors.ThrowIfAny();
        var (id, secret) = SdkKeySecrets.Generate();
        var stored = await repository.CreateSdkKeyAsync(new SdkKey
        {
            Id = id,
            ProjectKey = key.ProjectKey,
            EnvironmentKey = key.EnvironmentKey,
            Name = name,
            Prefix = SdkKeySecrets.VisiblePrefix(secret),
            SecretHash = SdkKeySecrets.Hash(secret),
            CreatedBy = change.Actor,
            CreatedAt = time.UtcNowMicroseconds(),
        }, change, cancellationToken);
        cache.Forget(stored.SecretHash);
        return new CreatedSdkKey(stored, secret);
    }

    public Task<IReadOnlyList<SdkKey>> ListAsync(string projectKey, CancellationToken cancellationToken = default) =>
        repository.ListSdkKeysAsync(projectKey, cancellationToken);

    public async Task<SdkKey> RevokeAsync(string projectKey, string id, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default)
    {
        Permissions.Require(change, Role.Admin, "Revoking an SDK key");
        var revoked = await repository.RevokeSdkKeyAsync(projectKey, id, expectedVersion, change, cancellationToken);
        cache.Forget(revoked.SecretHash);
        return revoked;
    }
}
