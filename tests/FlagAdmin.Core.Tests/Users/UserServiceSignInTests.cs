using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Core.Tests.Users;

public sealed class UserServiceSignInTests : IDisposable
{
    private readonly UserServiceFixture _fixture = new();

    private UserService Users => _fixture.Users;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task The_right_password_signs_in_and_records_the_time()
    {
        var admin = await _fixture.FirstAdminAsync();

        var result = await Users.SignInAsync(" Admin@Example.COM ", UserServiceFixture.AdminPassword);

        Assert.True(result.Succeeded);
        Assert.Equal(admin.Id, result.User!.Id);
        Assert.Equal(_fixture.Time.GetUtcNow(), (await Users.FindUserAsync(admin.Id))!.LastSignInAt);
    }

    [Fact]
    public async Task Unknown_email_wrong_password_and_deactivated_account_are_refused_alike_and_each_checks_a_password()
    {
        var admin = await _fixture.FirstAdminAsync();
        var gone = await _fixture.UserAsync(admin, "gone@example.com", Role.Viewer, "gone user password");
        await Users.UpdateUserAsync(new UserUpdate { Id = gone.Id, ExpectedVersion = gone.Version, IsActive = false }, UserServiceFixture.As(admin));

        var outcomes = new List<SignInResult>();
        foreach (var (email, password) in new[] { ("nobody@example.com", "whatever password"), ("admin@example.com", "wrong password!!"), ("gone@example.com", "gone user password") })
        {
            var before = _fixture.Hashing.Verifications;
            outcomes.Add(await Users.SignInAsync(email, password));
            Assert.Equal(before + 1, _fixture.Hashing.Verifications);
        }

        Assert.All(outcomes, outcome => Assert.Same(SignInResult.Refused, outcome));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_password_until_the_lock_ends()
    {
        var admin = await _fixture.FirstAdminAsync();
        for (var attempt = 1; attempt < SignInLockout.MaxFailures; attempt++)
        {
            Assert.False((await Users.SignInAsync(admin.Email, "wrong password " + attempt)).Succeeded);
        }
        Assert.Equal(SignInLockout.MaxFailures - 1, (await Users.FindUserAsync(admin.Id))!.FailedSignIns);
        Assert.Null((await Users.FindUserAsync(admin.Id))!.LockedUntil);

        Assert.False((await Users.SignInAsync(admin.Email, "the fifth wrong one")).Succeeded);

        Assert.Equal(_fixture.Time.GetUtcNow() + SignInLockout.Duration, (await Users.FindUserAsync(admin.Id))!.LockedUntil);
        Assert.False((await Users.SignInAsync(admin.Email, UserServiceFixture.AdminPassword)).Succeeded);
        _fixture.Time.Advance(SignInLockout.Duration - TimeSpan.FromSeconds(1));
        Assert.False((await Users.SignInAsync(admin.Email, UserServiceFixture.AdminPassword)).Succeeded);
        _fixture.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.True((await Users.SignInAsync(admin.Email, UserServiceFixture.AdminPassword)).Succeeded);
        Assert.Equal(0, (await Users.FindUserAsync(admin.Id))!.FailedSignIns);
    }

    [Fact]
    public async Task A_successful_sign_in_clears_earlier_failures()
    {
        var admin = await _fixture.FirstAdminAsync();
        await Users.SignInAsync(admin.Email, "wrong password one");
        await Users.SignInAsync(admin.Email, "wrong password two");

        await Users.SignInAsync(admin.Email, UserServiceFixture.AdminPassword);

        Assert.Equal(0, (await Users.FindUserAsync(admin.Id))!.FailedSignIns);
    }

    [Fact]
    public async Task An_admin_resetting_the_password_lifts_a_lockout_and_only_the_new_password_works()
    {
        var admin = await _fixture.FirstAdminAsync();
        var ann = await _fixture.UserAsync(admin, "ann@example.com", Role.Editor, "ann's first password");
        for (var attempt = 0; attempt < SignInLockout.MaxFailures; attempt++)
        {
            await Users.SignInAsync(ann.Email, "not ann's password");
        }
        ann = (await Users.FindUserAsync(ann.Id))!;
        Assert.NotNull(ann.LockedUntil);

        await Users.UpdateUserAsync(new UserUpdate { Id = ann.Id, ExpectedVersion = ann.Version, NewPassword = "ann's second password" }, UserServiceFixture.As(admin));

        Assert.False((await Users.SignInAsync(ann.Email, "ann's first password")).Succeeded);
        Assert.True((await Users.SignInAsync(ann.Email, "ann's second password")).Succeeded);
    }

    [Fact]
    public async Task The_first_admin_is_created_only_while_nobody_exists()
    {
        Assert.False(await Users.HasUsersAsync());

        var admin = await _fixture.FirstAdminAsync();

        Assert.Equal(Role.Admin, admin.Role);
        Assert.True(await Users.HasUsersAsync());
        await Assert.ThrowsAsync<AlreadyExistsException>(() => _fixture.FirstAdminAsync("second@example.com"));
        Assert.Null(await _fixture.Store.FindUserByEmailAsync("second@example.com"));
    }

    [Fact]
    public async Task The_store_keeps_a_hash_of_the_password_never_the_password()
    {
        var admin = await _fixture.FirstAdminAsync();

        Assert.DoesNotContain(UserServiceFixture.AdminPassword, admin.PasswordHash);
        Assert.True(_fixture.Hashing.Verify(admin.PasswordHash, UserServiceFixture.AdminPassword));
    }
}
