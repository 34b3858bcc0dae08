using System.Security.Cryptography;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Users;
using Xunit;

namespace FlagAdmin.Storage.Contract;

/// <summary>Access tokens: stored by the hash of their secret, listed per user newest first, revoked once.</summary>
public abstract partial class UserRepositoryContract
{
    internal static AccessToken NewToken(string userId, DateTimeOffset at, string name = "ci-deploy", TimeSpan? lifetime = null)
    {
        var secret = "fa_pat_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        return new AccessToken
        {
            Id = "tok_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            UserId = userId,
            Name = name,
            Role = Role.Editor,
            Prefix = secret[..12],
            SecretHash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))),
            CreatedAt = at,
            ExpiresAt = lifetime is { } l ? at + l : null,
        };
    }

    private async Task<(StoreUnderTest Store, User Owner)> StoreWithUserAsync()
    {
        var store = await StoreAsync();
        var owner = await Users(store).CreateUserAsync(NewUser("owner@example.com"), false, Admin);
        return (store, owner);
    }

    [Fact]
    public async Task A_created_token_is_found_by_its_hash_and_listed_newest_first_for_its_user_only()
    {
        var (store, owner) = await StoreWithUserAsync();
        await using var _ = store;
        var other = await Users(store).CreateUserAsync(NewUser("other@example.com"), false, Admin);
        var first = await Users(store).CreateTokenAsync(NewToken(owner.Id, store.Time.GetUtcNow(), "first", TimeSpan.FromDays(30)), Admin);
        store.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await Users(store).CreateTokenAsync(NewToken(owner.Id, store.Time.GetUtcNow(), "second"), Admin);
        var others = await Users(store).CreateTokenAsync(NewToken(other.Id, store.Time.GetUtcNow(), "others"), Admin);

        Assert.Equal([second, first], await Users(store).ListTokensAsync(owner.Id));
        Assert.Equal([others], await Users(store).ListTokensAsync(other.Id));
        Assert.Empty(await Users(store).ListTokensAsync("usr_missing"));
        Assert.Equal(first, await Users(store).FindTokenByHashAsync(first.SecretHash));
        Assert.Null(await Users(store).FindTokenByHashAsync(new string('0', 64)));
        Assert.Equal((Clock.ToMicroseconds(first.CreatedAt), Clock.ToMicroseconds(first.CreatedAt + TimeSpan.FromDays(30))), (first.CreatedAt, first.ExpiresAt!.Value));
        Assert.True(first.IsUsableAt(store.Time.GetUtcNow()));
        Assert.NotEqual(0u, first.Version);
    }

    [Fact]
    public async Task A_token_for_a_missing_user_is_not_found_and_a_duplicate_id_or_hash_already_exists()
    {
        var (store, owner) = await StoreWithUserAsync();
        await using var _ = store;
        var token = await Users(store).CreateTokenAsync(NewToken(owner.Id, store.Time.GetUtcNow()), Admin);
        var orphan = NewToken("usr_missing", store.Time.GetUtcNow());

        await Assert.ThrowsAsync<NotFoundException>(() => Users(store).CreateTokenAsync(orphan, Admin));
        await Assert.ThrowsAsync<AlreadyExistsException>(() => Users(store).CreateTokenAsync(NewToken(owner.Id, store.Time.GetUtcNow(), "same id") with { Id = token.Id }, Admin));
        await Assert.ThrowsAsync<AlreadyExistsException>(() => Users(store).CreateTokenAsync(NewToken(owner.Id, store.Time.GetUtcNow(), "same secret") with { SecretHash = token.SecretHash }, Admin));

        Assert.Equal([token], await Users(store).ListTokensAsync(owner.Id));
        Assert.Null(await Users(store).FindTokenByHashAsync(orphan.SecretHash));
        Assert.Single(await UserAuditAsync(store, AuditAction.AccessTokenCreated));
    }

    [Fact]
    public async Task Revoking_marks_the_token_once_and_a_stale_version_conflicts()
    {
        var (store, owner) = await StoreWithUserAsync();
        await using var _ = store;
        var token = await Users(store).CreateTokenAsync(NewToken(owner.Id, store.Time.GetUtcNow()), Admin);
        store.Time.Advance(TimeSpan.FromMinutes(1));

        var revoked = await Users(store).RevokeTokenAsync(owner.Id, token.Id, token.Version, Admin);

        Assert.Equal((Admin.Actor, Clock.ToMicroseconds(store.Time.GetUtcNow())), (revoked.RevokedBy, revoked.RevokedAt!.Value));
        Assert.False(revoked.IsUsableAt(store.Time.GetUtcNow()));
        Assert.NotEqual(token.Version, revoked.Version);
        Assert.Equal(revoked, await Users(store).FindTokenByHashAsync(token.SecretHash));
        Assert.Equal([revoked], await Users(store).ListTokensAsync(owner.Id));
        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() => Users(store).RevokeTokenAsync(owner.Id, token.Id, token.Version, Admin));
        Assert.Equal((revoked, Admin.Actor), (conflict.Current, conflict.ChangedBy));
        await Assert.ThrowsAsync<ValidationException>(() => Users(store).RevokeTokenAsync(owner.Id, token.Id, revoked.Version, Admin));
        await Assert.ThrowsAsync<NotFoundException>(() => Users(store).RevokeTokenAsync(owner.Id, "tok_missing", 1, Admin));
        Assert.Single(await UserAuditAsync(store, AuditAction.AccessTokenRevoked));
    }

    [Fact]
    public async Task A_token_is_revoked_only_through_its_own_user()
    {
        var (store, owner) = await StoreWithUserAsync();
        await using var _ = store;
        var other = await Users(store).CreateUserAsync(NewUser("other@example.com"), false, Admin);
        var token = await Users(store).CreateTokenAsync(NewToken(owner.Id, store.Time.GetUtcNow()), Admin);

        await Assert.ThrowsAsync<NotFoundException>(() => Users(store).RevokeTokenAsync(other.Id, token.Id, token.Version, Admin));

        Assert.Equal(token, await Users(store).FindTokenByHashAsync(token.SecretHash));
        Assert.Empty(await UserAuditAsync(store, AuditAction.AccessTokenRevoked));
    }

    [Fact]
    public async Task Token_changes_are_audited_once_each_without_the_secret_hash()
    {
        var (store, owner) = await StoreWithUserAsync();
        await using var _ = store;
        var token = await Users(store).CreateTokenAsync(NewToken(owner.Id, store.Time.GetUtcNow()), Admin);
        var afterCreate = await UserAuditAsync(store);
        store.Time.Advance(TimeSpan.FromSeconds(2));
        await Users(store).RevokeTokenAsync(owner.Id, token.Id, token.Version, new ChangeContext("owner@example.com", "leaked"));

        var entries = await UserAuditAsync(store);
        Assert.Equal([AuditAction.AccessTokenCreated, AuditAction.UserCreated], afterCreate.Select(e => e.Action));
        Assert.Equal([AuditAction.AccessTokenRevoked, AuditAction.AccessTokenCreated, AuditAction.UserCreated], entries.Select(e => e.Action));
        var (revokedEntry, createdEntry) = (entries[0], entries[1]);
        Assert.Equal(("owner@example.com", "leaked", Clock.ToMicroseconds(store.Time.GetUtcNow())), (revokedEntry.Actor, revokedEntry.Reason, revokedEntry.At));
        Assert.Equal((Admin.Actor, Admin.Via), (createdEntry.Actor, createdEntry.Via));
        Assert.Null(createdEntry.Before);
        Assert.Contains(token.Id, createdEntry.After);
        Assert.Contains(token.Prefix, createdEntry.After);
        Assert.Contains("revokedAt", revokedEntry.After);
        Assert.DoesNotContain("revokedAt", revokedEntry.Before);
        foreach (var json in entries.SelectMany(e => new[] { e.Before, e.After }).OfType<string>())
        {
            Assert.DoesNotContain(token.SecretHash, json);
            Assert.DoesNotContain("secretHash", json);
            Assert.DoesNotContain("assword", json);
        }
    }
}
