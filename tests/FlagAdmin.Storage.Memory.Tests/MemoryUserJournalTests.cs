using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Users;
using FlagAdmin.Storage.Contract;

namespace FlagAdmin.Storage.Memory.Tests;

/// <summary>Users, tokens and sign-in bookkeeping in the data file: what is acknowledged survives a restart, exactly.</summary>
public sealed class MemoryUserJournalTests : IDisposable
{
    private static readonly ChangeContext Admin = new("admin@example.com", "onboarding");

    private readonly string _directory = Directory.CreateTempSubdirectory("flagadmin-users-journal-").FullName;
    private readonly ManualTimeProvider _time = new();

    private string DataFile => Path.Combine(_directory, "flags.jsonl");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private MemoryFlagRepository Open() => new(_time, DataFile);

    private static User NewUser(string id, string email, Role role) => new()
    {
        Id = id,
        Email = email,
        DisplayName = email,
        Role = role,
        PasswordHash = "hash-of-" + id,
        CreatedBy = "-",
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedBy = "-",
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    private static AccessToken NewToken(string id, string userId, DateTimeOffset at) => new()
    {
        Id = id,
        UserId = userId,
        Name = id,
        Role = Role.Viewer,
        Prefix = "fa_pat_" + id,
        SecretHash = new string('a', 60) + id[^4..],
        CreatedAt = at,
    };

    private async Task<(IReadOnlyList<User> Users, IReadOnlyList<AccessToken> Tokens, IReadOnlyList<AuditEntry> Audit)> ReadAllAsync(MemoryFlagRepository store)
    {
        var users = await store.ListUsersAsync();
        var tokens = new List<AccessToken>();
        foreach (var user in users)
        {
            tokens.AddRange(await store.ListTokensAsync(user.Id));
        }
        var audit = (await store.QueryAsync(new AuditQuery { ProjectKey = UserAudit.ProjectKey, Limit = AuditQuery.MaxLimit })).Items;
        return (users, tokens, audit);
    }

    [Fact]
    public async Task Users_tokens_revocations_and_sign_in_bookkeeping_read_back_equal_after_reopening()
    {
        (IReadOnlyList<User> Users, IReadOnlyList<AccessToken> Tokens, IReadOnlyList<AuditEntry> Audit) written;
        uint lastVersion;
        using (var store = Open())
        {
            var boss = await store.CreateUserAsync(NewUser("usr_boss", "boss@example.com", Role.Admin), onlyIfNoUsers: true, Admin);
            var ann = await store.CreateUserAsync(NewUser("usr_ann", "ann@example.com", Role.Viewer), false, Admin);
            ann = await store.UpdateUserAsync(ann with { Role = Role.Editor, PasswordHash = "new-hash" }, ann.Version, Admin);
            await store.RecordSignInAsync(ann.Id, 4, _time.GetUtcNow().AddMinutes(10), _time.GetUtcNow());
            var kept = await store.CreateTokenAsync(NewToken("tok_kept", ann.Id, _time.GetUtcNow()), Admin);
            _time.Advance(TimeSpan.FromSeconds(1));
            var revoked = await store.CreateTokenAsync(NewToken("tok_gone", boss.Id, _time.GetUtcNow()), Admin);
            revoked = await store.RevokeTokenAsync(boss.Id, revoked.Id, revoked.Version, Admin);
            written = await ReadAllAsync(store);
            lastVersion = new[] { boss.Version, ann.Version, kept.Version, revoked.Version }.Max();
        }

        using var reopened = Open();

        var read = await ReadAllAsync(reopened);
        Assert.Equal(written.Users, read.Users);
        Assert.Equal(written.Tokens, read.Tokens);
        Assert.Equal(written.Audit, read.Audit);
        Assert.Equal(4, (await reopened.FindUserAsync("usr_ann"))!.FailedSignIns);
        Assert.Equal("tok_kept", (await reopened.FindTokenByHashAsync(written.Tokens.Single(t => t.Id == "tok_kept").SecretHash))!.Id);
        await Assert.ThrowsAsync<AlreadyExistsException>(() => reopened.CreateUserAsync(NewUser("usr_first", "first@example.com", Role.Admin), onlyIfNoUsers: true, Admin));
        await Assert.ThrowsAsync<AlreadyExistsException>(() => reopened.CreateUserAsync(NewUser("usr_again", "ANN@example.com", Role.Viewer), false, Admin));
        var carol = await reopened.CreateUserAsync(NewUser("usr_carol", "carol@example.com", Role.Viewer), false, Admin);
        Assert.True(carol.Version > lastVersion);
        Assert.True((await ReadAllAsync(reopened)).Audit[0].Id > written.Audit[0].Id);
    }

    [Fact]
    public async Task The_data_file_holds_no_password_in_the_audit_entries_and_survives_a_mix_with_flag_writes()
    {
        using (var store = Open())
        {
            await store.CreateProjectAsync(new("shop", "Shop"), Admin);
            await store.CreateUserAsync(NewUser("usr_boss", "boss@example.com", Role.Admin), false, Admin);
            await store.CreateEnvironmentAsync(new("shop", "production", "Production", 1), Admin);
        }

        using var reopened = Open();

        Assert.NotNull(await reopened.FindUserAsync("usr_boss"));
        Assert.Equal(2, (await reopened.QueryAsync(new AuditQuery { ProjectKey = "shop" })).Items.Count);
        var userEntry = Assert.Single((await reopened.QueryAsync(new AuditQuery { ProjectKey = UserAudit.ProjectKey })).Items);
        Assert.DoesNotContain("hash-of-usr_boss", userEntry.After);
    }
}
