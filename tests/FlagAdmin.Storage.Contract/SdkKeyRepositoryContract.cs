using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.SdkKeys;
using Xunit;

namespace FlagAdmin.Storage.Contract;

/// <summary>The behaviour every <see cref="ISdkKeyRepository"/> promises; each store runs it through a short subclass.</summary>
public abstract class SdkKeyRepositoryContract
{
    private static readonly ChangeContext Admin = new("admin@example.com", "new service");

    /// <summary>A store to test against; the repository must also implement <see cref="ISdkKeyRepository"/>.</summary>
    protected abstract Task<StoreUnderTest> CreateStoreAsync(ManualTimeProvider time);

    private static ISdkKeyRepository Keys(StoreUnderTest store) => (ISdkKeyRepository)store.Repository;

    internal static SdkKey NewKey(string projectKey, string environmentKey, DateTimeOffset at, string name = "checkout-service")
    {
        var (id, secret) = SdkKeySecrets.Generate();
        return new SdkKey
        {
            Id = id,
            ProjectKey = projectKey,
            EnvironmentKey = environmentKey,
            Name = name,
            Prefix = SdkKeySecrets.VisiblePrefix(secret),
            SecretHash = SdkKeySecrets.Hash(secret),
            CreatedBy = "whoever",
            CreatedAt = Clock.ToMicroseconds(at),
        };
    }

    private async Task<(StoreUnderTest Store, string Project)> ProjectAsync()
    {
        var time = new ManualTimeProvider();
        var store = await CreateStoreAsync(time);
        var project = $"k-{Guid.NewGuid():N}"[..20];
        await store.Service.CreateProjectAsync(new(project, "Keys"), Admin);
        await store.Service.CreateEnvironmentAsync(new(project, "staging", "Staging", 1), Admin);
        await store.Service.CreateEnvironmentAsync(new(project, "production", "Production", 2), Admin);
        return (store, project);
    }

    [Fact]
    public async Task A_created_key_is_found_by_its_hash_and_listed_newest_first()
    {
        var (store, project) = await ProjectAsync();
        await using var _ = store;
        var first = await Keys(store).CreateSdkKeyAsync(NewKey(project, "staging", store.Time.GetUtcNow(), "first"), Admin);
        store.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await Keys(store).CreateSdkKeyAsync(NewKey(project, "production", store.Time.GetUtcNow(), "second"), Admin);

        Assert.Equal(first, await Keys(store).FindSdkKeyByHashAsync(first.SecretHash));
        Assert.Equal([second, first], await Keys(store).ListSdkKeysAsync(project));
        Assert.Equal("admin@example.com", first.CreatedBy);
        Assert.False(first.IsRevoked);
        Assert.Null(await Keys(store).FindSdkKeyByHashAsync(SdkKeySecrets.Hash("fa_sdk_not-a-key")));
        Assert.Empty(await Keys(store).ListSdkKeysAsync("no-such-project"));
    }

    [Fact]
    public async Task Creating_a_key_is_audited_without_its_secret_hash()
    {
        var (store, project) = await ProjectAsync();
        await using var _ = store;
        var key = await Keys(store).CreateSdkKeyAsync(NewKey(project, "production", store.Time.GetUtcNow()), Admin);

        var entry = Assert.Single((await store.Audit.QueryAsync(new AuditQuery { ProjectKey = project, Action = AuditAction.SdkKeyCreated })).Items);
        Assert.Equal(("production", "new service", "admin@example.com"), (entry.EnvironmentKey, entry.Reason, entry.Actor));
        Assert.Contains(key.Id, entry.After);
        Assert.DoesNotContain(key.SecretHash, entry.After);
        Assert.DoesNotContain("secretHash", entry.After);
    }

    [Fact]
    public async Task A_key_for_a_missing_environment_or_project_is_not_found_and_not_stored()
    {
        var (store, project) = await ProjectAsync();
        await using var _ = store;
        var wrongEnvironment = NewKey(project, "qa", store.Time.GetUtcNow());

        await Assert.ThrowsAsync<NotFoundException>(() => Keys(store).CreateSdkKeyAsync(wrongEnvironment, Admin));
        await Assert.ThrowsAsync<NotFoundException>(() => Keys(store).CreateSdkKeyAsync(NewKey("no-such-project", "staging", store.Time.GetUtcNow()), Admin));

        Assert.Null(await Keys(store).FindSdkKeyByHashAsync(wrongEnvironment.SecretHash));
        Assert.Empty((await store.Audit.QueryAsync(new AuditQuery { ProjectKey = project, Action = AuditAction.SdkKeyCreated })).Items);
    }

    [Fact]
    public async Task A_duplicate_id_or_secret_hash_already_exists_and_is_not_stored()
    {
        var (store, project) = await ProjectAsync();
        await using var _ = store;
        var key = await Keys(store).CreateSdkKeyAsync(NewKey(project, "staging", store.Time.GetUtcNow()), Admin);
        var sameId = NewKey(project, "production", store.Time.GetUtcNow(), "same id") with { Id = key.Id };
        var sameHash = NewKey(project, "production", store.Time.GetUtcNow(), "same secret") with { SecretHash = key.SecretHash };

        await Assert.ThrowsAsync<AlreadyExistsException>(() => Keys(store).CreateSdkKeyAsync(sameId, Admin));
        await Assert.ThrowsAsync<AlreadyExistsException>(() => Keys(store).CreateSdkKeyAsync(sameHash, Admin));

        Assert.Equal([key], await Keys(store).ListSdkKeysAsync(project));
        Assert.Null(await Keys(store).FindSdkKeyByHashAsync(sameId.SecretHash));
        Assert.Single((await store.Audit.QueryAsync(new AuditQuery { ProjectKey = project, Action = AuditAction.SdkKeyCreated })).Items);
    }

    [Fact]
    public async Task Revoking_marks_the_key_once_and_a_stale_version_conflicts()
    {
        var (store, project) = await ProjectAsync();
        await using var _ = store;
        var key = await Keys(store).CreateSdkKeyAsync(NewKey(project, "staging", store.Time.GetUtcNow()), Admin);
        store.Time.Advance(TimeSpan.FromMinutes(1));

        var revoked = await Keys(store).RevokeSdkKeyAsync(project, key.Id, key.Version, Admin);

        Assert.True(revoked.IsRevoked);
        Assert.Equal(("admin@example.com", Clock.ToMicroseconds(store.Time.GetUtcNow())), (revoked.RevokedBy, revoked.RevokedAt!.Value));
        Assert.Equal(revoked, await Keys(store).FindSdkKeyByHashAsync(key.SecretHash));
        await Assert.ThrowsAsync<VersionConflictException>(() => Keys(store).RevokeSdkKeyAsync(project, key.Id, key.Version, Admin));
        await Assert.ThrowsAsync<ValidationException>(() => Keys(store).RevokeSdkKeyAsync(project, key.Id, revoked.Version, Admin));
        await Assert.ThrowsAsync<NotFoundException>(() => Keys(store).RevokeSdkKeyAsync(project, "sdk_missing", 1, Admin));
        Assert.Single((await store.Audit.QueryAsync(new AuditQuery { ProjectKey = project, Action = AuditAction.SdkKeyRevoked })).Items);
    }
}
