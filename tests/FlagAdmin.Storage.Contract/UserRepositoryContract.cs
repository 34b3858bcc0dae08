using System.Security.Cryptography;
using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Users;
using Xunit;

namespace FlagAdmin.Storage.Contract;

/// <summary>
/// The behaviour every <see cref="IUserRepository"/> promises; each store runs it through a short subclass.
/// Every test needs a store of its own (it counts users and admins), so the factory must give an empty one.
/// </summary>
public abstract partial class UserRepositoryContract
{
    private static readonly ChangeContext Admin = new("admin@example.com", "onboarding", Role.Admin, "token 'ci'");

    /// <summary>An empty store to test against; the repository must also implement <see cref="IUserRepository"/>.</summary>
    protected abstract Task<StoreUnderTest> CreateStoreAsync(ManualTimeProvider time);

    private static IUserRepository Users(StoreUnderTest store) => (IUserRepository)store.Repository;

    private async Task<StoreUnderTest> StoreAsync() => await CreateStoreAsync(new ManualTimeProvider());

    internal static User NewUser(string email, Role role = Role.Admin, string? displayName = null) => new()
    {
        Id = "usr_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
        Email = email,
        DisplayName = displayName ?? email.Split('@')[0],
        Role = role,
        PasswordHash = "AQAAAAIAAYagAAAAE" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
        FailedSignIns = 3,
        LockedUntil = DateTimeOffset.UnixEpoch,
        CreatedBy = "whoever",
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedBy = "whoever",
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    private static async Task<IReadOnlyList<AuditEntry>> UserAuditAsync(StoreUnderTest store, AuditAction? action = null) =>
        (await store.Audit.QueryAsync(new AuditQuery { ProjectKey = UserAudit.ProjectKey, Action = action, Limit = AuditQuery.MaxLimit })).Items;

    [Fact]
    public async Task A_created_user_is_found_by_id_and_by_email_in_any_case_and_counted()
    {
        await using var store = await StoreAsync();
        Assert.Equal(0, await Users(store).CountUsersAsync());

        var created = await Users(store).CreateUserAsync(NewUser("Ann@Example.com"), onlyIfNoUsers: false, Admin);

        Assert.Equal(1, await Users(store).CountUsersAsync());
        Assert.Equal(created, await Users(store).FindUserAsync(created.Id));
        Assert.Equal(created, await Users(store).FindUserByEmailAsync("ann@example.com"));
        Assert.Equal(created, await Users(store).FindUserByEmailAsync(" ANN@EXAMPLE.COM "));
        Assert.Null(await Users(store).FindUserByEmailAsync("bob@example.com"));
        Assert.Null(await Users(store).FindUserAsync("usr_missing"));
    }

    [Fact]
    public async Task Creating_stores_the_email_lowercase_and_stamps_who_and_when_with_fresh_sign_in_bookkeeping()
    {
        await using var store = await StoreAsync();
        var input = NewUser(" Ann@Example.COM ", Role.Editor, "Ann Lee");

        var created = await Users(store).CreateUserAsync(input, onlyIfNoUsers: false, Admin);

        var now = Clock.ToMicroseconds(store.Time.GetUtcNow());
        Assert.Equal(("ann@example.com", "Ann Lee", Role.Editor, true, input.PasswordHash), (created.Email, created.DisplayName, created.Role, created.IsActive, created.PasswordHash));
        Assert.Equal((Admin.Actor, now, Admin.Actor, now), (created.CreatedBy, created.CreatedAt, created.UpdatedBy, created.UpdatedAt));
        Assert.Equal((0, (DateTimeOffset?)null, (DateTimeOffset?)null), (created.FailedSignIns, created.LockedUntil, created.LastSignInAt));
        Assert.NotEqual(0u, created.Version);
    }

    [Fact]
    public async Task Users_are_listed_ordered_by_email()
    {
        await using var store = await StoreAsync();
        var carol = await Users(store).CreateUserAsync(NewUser("carol@example.com"), false, Admin);
        var ann = await Users(store).CreateUserAsync(NewUser("ann@example.com"), false, Admin);
        var bob = await Users(store).CreateUserAsync(NewUser("Bob@example.com"), false, Admin);

        Assert.Equal([ann, bob, carol], await Users(store).ListUsersAsync());
    }

    [Fact]
    public async Task A_taken_email_in_any_case_or_a_taken_id_already_exists_and_nothing_is_stored()
    {
        await using var store = await StoreAsync();
        var ann = await Users(store).CreateUserAsync(NewUser("ann@example.com"), false, Admin);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => Users(store).CreateUserAsync(NewUser("ANN@example.com", Role.Viewer), false, Admin));
        await Assert.ThrowsAsync<AlreadyExistsException>(() => Users(store).CreateUserAsync(NewUser("other@example.com") with { Id = ann.Id }, false, Admin));

        Assert.Equal([ann], await Users(store).ListUsersAsync());
        Assert.Null(await Users(store).FindUserByEmailAsync("other@example.com"));
        Assert.Single(await UserAuditAsync(store));
    }

    [Fact]
    public async Task A_first_run_creation_succeeds_on_an_empty_store_and_is_refused_once_any_user_exists()
    {
        await using var store = await StoreAsync();

        var first = await Users(store).CreateUserAsync(NewUser("first@example.com"), onlyIfNoUsers: true, Admin);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => Users(store).CreateUserAsync(NewUser("second@example.com"), onlyIfNoUsers: true, Admin));
        Assert.Equal([first], await Users(store).ListUsersAsync());
        Assert.Single(await UserAuditAsync(store));
    }

    [Fact]
    public async Task Of_concurrent_first_run_setups_exactly_one_succeeds()
    {
        await using var store = await StoreAsync();
        var attempts = Enumerable.Range(0, 8).Select(i => NewUser($"setup{i}@example.com")).ToList();

        var outcomes = await Task.WhenAll(attempts.Select(user => OutcomeAsync(() => Users(store).CreateUserAsync(user, onlyIfNoUsers: true, Admin))));

        var winner = Assert.Single(outcomes.OfType<User>());
        Assert.All(outcomes.Where(o => o is not User), o => Assert.IsType<AlreadyExistsException>(o));
        Assert.Equal([winner], await Users(store).ListUsersAsync());
        Assert.Single(await UserAuditAsync(store));
    }

    [Fact]
    public async Task An_update_replaces_the_editable_fields_and_keeps_email_creation_and_sign_in_bookkeeping()
    {
        await using var store = await StoreAsync();
        await Users(store).CreateUserAsync(NewUser("boss@example.com"), false, Admin);
        var ann = await Users(store).CreateUserAsync(NewUser("ann@example.com", Role.Viewer), false, Admin);
        var lastSignIn = store.Time.GetUtcNow();
        await Users(store).RecordSignInAsync(ann.Id, 0, null, lastSignIn);
        ann = (await Users(store).FindUserAsync(ann.Id))!;
        store.Time.Advance(TimeSpan.FromMinutes(5));
        var editor = new ChangeContext("boss@example.com");

        var updated = await Users(store).UpdateUserAsync(
            ann with { Email = "changed@example.com", DisplayName = "Ann Lee", Role = Role.Editor, IsActive = false, PasswordHash = "new-hash", FailedSignIns = 9, CreatedBy = "nobody" },
            ann.Version, editor);

        var now = Clock.ToMicroseconds(store.Time.GetUtcNow());
        Assert.Equal(("ann@example.com", "Ann Lee", Role.Editor, false, "new-hash"), (updated.Email, updated.DisplayName, updated.Role, updated.IsActive, updated.PasswordHash));
        Assert.Equal((ann.CreatedBy, ann.CreatedAt, "boss@example.com", now), (updated.CreatedBy, updated.CreatedAt, updated.UpdatedBy, updated.UpdatedAt));
        Assert.Equal((0, Clock.ToMicroseconds(lastSignIn)), (updated.FailedSignIns, updated.LastSignInAt!.Value));
        Assert.NotEqual(ann.Version, updated.Version);
        Assert.Equal(updated, await Users(store).FindUserAsync(ann.Id));
    }

    [Fact]
    public async Task An_update_with_a_stale_version_is_a_conflict_that_carries_the_current_user_and_writes_nothing()
    {
        await using var store = await StoreAsync();
        await Users(store).CreateUserAsync(NewUser("boss@example.com"), false, Admin);
        var ann = await Users(store).CreateUserAsync(NewUser("ann@example.com", Role.Viewer), false, Admin);
        var first = await Users(store).UpdateUserAsync(ann with { DisplayName = "First" }, ann.Version, new ChangeContext("carol@example.com"));

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() => Users(store).UpdateUserAsync(ann with { DisplayName = "Second" }, ann.Version, Admin));

        Assert.Equal(first, conflict.Current);
        Assert.Equal("carol@example.com", conflict.ChangedBy);
        Assert.Equal(first, await Users(store).FindUserAsync(ann.Id));
        Assert.Single(await UserAuditAsync(store, AuditAction.UserUpdated));
        await Assert.ThrowsAsync<NotFoundException>(() => Users(store).UpdateUserAsync(ann with { Id = "usr_missing" }, 1, Admin));
    }

    [Fact]
    public async Task The_last_active_admin_can_be_neither_demoted_nor_deactivated()
    {
        await using var store = await StoreAsync();
        var boss = await Users(store).CreateUserAsync(NewUser("boss@example.com"), false, Admin);
        var retired = await Users(store).CreateUserAsync(NewUser("retired@example.com"), false, Admin);
        retired = await Users(store).UpdateUserAsync(retired with { IsActive = false }, retired.Version, Admin);

        var demote = await Assert.ThrowsAsync<ValidationException>(() => Users(store).UpdateUserAsync(boss with { Role = Role.Editor }, boss.Version, Admin));
        var deactivate = await Assert.ThrowsAsync<ValidationException>(() => Users(store).UpdateUserAsync(boss with { IsActive = false }, boss.Version, Admin));

        Assert.Contains("role", demote.Errors.Keys);
        Assert.Contains("isActive", deactivate.Errors.Keys);
        Assert.Equal(boss, await Users(store).FindUserAsync(boss.Id));
        Assert.Single(await UserAuditAsync(store, AuditAction.UserUpdated));
        var renamed = await Users(store).UpdateUserAsync(boss with { DisplayName = "The Boss" }, boss.Version, Admin);
        Assert.Equal("The Boss", renamed.DisplayName);
    }

    [Fact]
    public async Task An_admin_may_step_down_while_another_active_admin_remains()
    {
        await using var store = await StoreAsync();
        var boss = await Users(store).CreateUserAsync(NewUser("boss@example.com"), false, Admin);
        var deputy = await Users(store).CreateUserAsync(NewUser("deputy@example.com"), false, Admin);

        var demoted = await Users(store).UpdateUserAsync(boss with { Role = Role.Viewer }, boss.Version, Admin);

        Assert.Equal(Role.Viewer, demoted.Role);
        await Assert.ThrowsAsync<ValidationException>(() => Users(store).UpdateUserAsync(deputy with { IsActive = false }, deputy.Version, Admin));
    }

    [Fact]
    public async Task Two_admins_demoting_each_other_at_once_cannot_both_succeed()
    {
        await using var store = await StoreAsync();
        for (var round = 0; round < 5; round++)
        {
            var first = await Users(store).CreateUserAsync(NewUser($"first{round}@example.com"), false, Admin);
            var second = await Users(store).CreateUserAsync(NewUser($"second{round}@example.com"), false, Admin);
            if (round > 0)
            {
                // Leave exactly these two as the active admins: the previous round's survivor steps down.
                var survivor = (await Users(store).ListUsersAsync()).Single(u => UserRules.IsActiveAdmin(u) && u.Id != first.Id && u.Id != second.Id);
                await Users(store).UpdateUserAsync(survivor with { Role = Role.Editor }, survivor.Version, Admin);
            }

            var outcomes = await Task.WhenAll(
                OutcomeAsync(() => Users(store).UpdateUserAsync(first with { Role = Role.Editor }, first.Version, new ChangeContext(second.Email))),
                OutcomeAsync(() => Users(store).UpdateUserAsync(second with { IsActive = false }, second.Version, new ChangeContext(first.Email))));

            Assert.Single(outcomes.OfType<User>());
            Assert.IsType<ValidationException>(Assert.Single(outcomes, o => o is not User));
            Assert.Single(await Users(store).ListUsersAsync(), UserRules.IsActiveAdmin);
        }
    }

    [Fact]
    public async Task Sign_in_bookkeeping_is_stored_without_an_audit_entry_or_a_new_version()
    {
        await using var store = await StoreAsync();
        var ann = await Users(store).CreateUserAsync(NewUser("ann@example.com"), false, Admin);
        var lockedUntil = store.Time.GetUtcNow().AddMinutes(15);
        var lastSignIn = store.Time.GetUtcNow().AddMinutes(-1);

        await Users(store).RecordSignInAsync(ann.Id, 5, lockedUntil, lastSignIn);

        var stored = await Users(store).FindUserAsync(ann.Id);
        Assert.Equal(ann with { FailedSignIns = 5, LockedUntil = Clock.ToMicroseconds(lockedUntil), LastSignInAt = Clock.ToMicroseconds(lastSignIn) }, stored);
        Assert.Equal(stored, await Users(store).FindUserByEmailAsync("ann@example.com"));
        Assert.Single(await UserAuditAsync(store));
        // An admin's edit that started before the sign-in still applies.
        var renamed = await Users(store).UpdateUserAsync(ann with { DisplayName = "Ann" }, ann.Version, Admin);
        Assert.Equal((5, Clock.ToMicroseconds(lockedUntil)), (renamed.FailedSignIns, renamed.LockedUntil!.Value));

        await Users(store).RecordSignInAsync(ann.Id, 0, null, lastSignIn.AddMinutes(30));
        Assert.Equal((0, (DateTimeOffset?)null), ((await Users(store).FindUserAsync(ann.Id))!.FailedSignIns, (await Users(store).FindUserAsync(ann.Id))!.LockedUntil));
        await Assert.ThrowsAsync<NotFoundException>(() => Users(store).RecordSignInAsync("usr_missing", 1, null, null));
    }

    [Fact]
    public async Task User_changes_are_audited_once_each_with_actor_reason_and_channel_but_no_password_hash()
    {
        await using var store = await StoreAsync();
        var boss = await Users(store).CreateUserAsync(NewUser("boss@example.com"), false, Admin);
        var ann = await Users(store).CreateUserAsync(NewUser("ann@example.com", Role.Viewer), false, Admin);
        store.Time.Advance(TimeSpan.FromSeconds(3));

        var updated = await Users(store).UpdateUserAsync(ann with { Role = Role.Editor, PasswordHash = "AQAAAAIAAYagAAAAEnewhash" }, ann.Version, Admin);

        var entries = await UserAuditAsync(store);
        Assert.Equal([AuditAction.UserUpdated, AuditAction.UserCreated, AuditAction.UserCreated], entries.Select(e => e.Action));
        var entry = entries[0];
        Assert.Equal((Admin.Actor, Admin.Reason, Admin.Via, Clock.ToMicroseconds(store.Time.GetUtcNow())), (entry.Actor, entry.Reason, entry.Via, entry.At));
        Assert.Equal((UserAudit.ProjectKey, (string?)null, (string?)null), (entry.ProjectKey, entry.EnvironmentKey, entry.FlagKey));
        Assert.Contains("\"role\":\"viewer\"", entry.Before);
        Assert.Contains("\"role\":\"editor\"", entry.After);
        Assert.Contains("ann@example.com", entry.After);
        Assert.Null(entries[1].Before);
        foreach (var json in entries.SelectMany(e => new[] { e.Before, e.After }).OfType<string>())
        {
            Assert.DoesNotContain("assword", json);
            Assert.DoesNotContain(boss.PasswordHash, json);
            Assert.DoesNotContain(ann.PasswordHash, json);
            Assert.DoesNotContain(updated.PasswordHash, json);
        }
    }

    /// <summary>Runs a write on the thread pool (so several run at once); the value it returned, or the exception it threw.</summary>
    private static async Task<object> OutcomeAsync<T>(Func<Task<T>> write) where T : notnull
    {
        try
        {
            return await Task.Run(write);
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
