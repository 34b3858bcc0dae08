using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.SdkKeys;

namespace FlagAdmin.Storage.Memory;

public sealed partial class MemoryFlagRepository
{
    public Task<SdkKey> CreateSdkKeyAsync(SdkKey key, ChangeContext change, CancellationToken cancellationToken = default)
    {
        using (_writeGate.Hold(cancellationToken))
        {
            var project = RequireProject(key.ProjectKey);
            if (project.Environments.All(e => e.Key != key.EnvironmentKey))
            {
                throw new NotFoundException("Environment", key.EnvironmentKey);
            }
            if (project.SdkKeys.ContainsKey(key.Id) || _sdkKeysByHash.ContainsKey(key.SecretHash))
            {
                throw new AlreadyExistsException("SDK key", key.Id);
            }
            var created = key with { CreatedBy = change.Actor, RevokedBy = null, RevokedAt = null, Version = NextVersion() };
            var audit = AuditRecords.Describe(AuditAction.SdkKeyCreated, change, key.CreatedAt, key.ProjectKey, key.EnvironmentKey, null);
            Commit(Record(audit) with { SdkKey = created }, null, created);
            return Task.FromResult(created);
        }
    }

    public Task<IReadOnlyList<SdkKey>> ListSdkKeysAsync(string projectKey, CancellationToken cancellationToken = default) =>
        Answer<IReadOnlyList<SdkKey>>(_projects.TryGetValue(projectKey, out var project)
            ? project.SdkKeys.Values.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal).ToList()
            : [], cancellationToken);

    public Task<SdkKey?> FindSdkKeyByHashAsync(string secretHash, CancellationToken cancellationToken = default) =>
        Answer(_sdkKeysByHash.TryGetValue(secretHash, out var key) ? key : null, cancellationToken);

    public Task<SdkKey> RevokeSdkKeyAsync(string projectKey, string id, uint expectedVersion, ChangeContext change, CancellationToken cancellationToken = default)
    {
        using (_writeGate.Hold(cancellationToken))
        {
            var current = RequireProject(projectKey).SdkKeys.TryGetValue(id, out var key) ? key : throw new NotFoundException("SDK key", id);
            VersionConflictException.ThrowIfStale("SDK key", id, current.Version, expectedVersion, current, current.RevokedBy ?? current.CreatedBy, current.RevokedAt ?? current.CreatedAt);
            if (current.IsRevoked)
            {
                throw new ValidationException("key", $"SDK key '{current.Name}' is already revoked.");
            }
            var now = _time.UtcNowMicroseconds();
            var revoked = current with { RevokedBy = change.Actor, RevokedAt = now, Version = NextVersion() };
            var audit = AuditRecords.Describe(AuditAction.SdkKeyRevoked, change, now, projectKey, current.EnvironmentKey, null);
            Commit(Record(audit) with { SdkKey = revoked }, current, revoked);
            return Task.FromResult(revoked);
        }
    }
}
