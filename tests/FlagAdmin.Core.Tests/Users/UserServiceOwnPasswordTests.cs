using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Core.Tests.Users;

public sealed class UserServiceOwnPasswordTests : IDisposable
{
    private readonly UserServiceFixture _fixture = new();

    private UserService Users => _fixture.Users;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task A_viewer_changes_their_own_password_after_proving_the_current_one()
    {
        var admin = await _fixture.FirstAdminAsync();
        var viewer = await _fixture.UserAsync(admin, "viewer@example.com", Role.Viewer, "initial password here");

        await Users.ChangeOwnPasswordAsync(viewer.Id, "initial password here", "my own new password", UserServiceFixture.As(viewer));

        Assert.False((await Users.SignInAsync(viewer.Email, "initial password here")).Succeeded);
        Assert.True((await Users.SignInAsync(viewer.Email, "my own new password")).Succeeded);
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing_and_counts_as_a_failed_sign_in()
    {
        var admin = await _fixture.FirstAdminAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Users.ChangeOwnPasswordAsync(admin.Id, "not the password", "a brand new password", UserServiceFixture.As(admin)));

        Assert.True(error.Errors.ContainsKey("currentPassword"));
        Assert.True((await Users.SignInAsync(admin.Email, UserServiceFixture.AdminPassword)).Succeeded);
        Assert.False((await Users.SignInAsync(admin.Email, "a brand new password")).Succeeded);
    }

    [Fact]
    public async Task Nobody_changes_someone_elses_password_this_way()
    {
        var admin = await _fixture.FirstAdminAsync();
        var viewer = await _fixture.UserAsync(admin, "viewer@example.com", Role.Viewer, "initial password here");

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Users.ChangeOwnPasswordAsync(viewer.Id, "initial password here", "admin chose this one", UserServiceFixture.As(admin)));
    }

    [Fact]
    public async Task A_short_new_password_is_refused_with_the_rule()
    {
        var admin = await _fixture.FirstAdminAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Users.ChangeOwnPasswordAsync(admin.Id, UserServiceFixture.AdminPassword, "short", UserServiceFixture.As(admin)));

        Assert.Contains("at least 12 characters", error.Errors["newPassword"][0]);
    }
}
