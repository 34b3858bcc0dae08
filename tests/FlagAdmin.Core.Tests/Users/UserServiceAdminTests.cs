using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Core.Tests.Users;

public sealed class UserServiceAdminTests : IDisposable
{
    private readonly UserServiceFixture _fixture = new();

    private UserService Users => _fixture.Users;

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData("short pw", "at least 12 characters")]
    [InlineData("            ", "only spaces")]
    [InlineData("", "Password is required.")]
    [InlineData("new@example.com", "may not be the email")]
    public async Task A_weak_password_is_refused_with_a_message_naming_the_rule(string password, string message)
    {
        var admin = await _fixture.FirstAdminAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => _fixture.UserAsync(admin, "new@example.com", Role.Viewer, password));

        Assert.Contains(message, Assert.Single(error.Errors["password"]));
        Assert.Null(await _fixture.Store.FindUserByEmailAsync("new@example.com"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("two@@example.com")]
    [InlineData("spaces in@example.com")]
    [InlineData("@example.com")]
    public async Task An_address_that_is_not_an_email_is_refused(string email)
    {
        var admin = await _fixture.FirstAdminAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => _fixture.UserAsync(admin, email, Role.Viewer));

        Assert.True(error.Errors.ContainsKey("email"));
        Assert.Equal(1, await _fixture.Store.CountUsersAsync());
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Editor)]
    public async Task Only_an_admin_adds_or_changes_users(Role role)
    {
        var admin = await _fixture.FirstAdminAsync();
        var actor = await _fixture.UserAsync(admin, "actor@example.com", role);

        await Assert.ThrowsAsync<ForbiddenException>(() => Users.CreateUserAsync(new NewUser("x@example.com", "", Role.Admin, "a long enough password"), UserServiceFixture.As(actor)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Users.UpdateUserAsync(new UserUpdate { Id = actor.Id, ExpectedVersion = actor.Version, Role = Role.Admin }, UserServiceFixture.As(actor)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Users.ListUsersAsync(UserServiceFixture.As(actor)));

        Assert.Null(await _fixture.Store.FindUserByEmailAsync("x@example.com"));
        Assert.Equal(role, (await Users.FindUserAsync(actor.Id))!.Role);
    }

    [Fact]
    public async Task An_admin_adds_a_user_who_can_then_sign_in_with_the_initial_password()
    {
        var admin = await _fixture.FirstAdminAsync();

        var ann = await Users.CreateUserAsync(new NewUser(" Ann@Example.com ", "", Role.Editor, "initial password"), UserServiceFixture.As(admin));

        Assert.Equal(("ann@example.com", "ann", Role.Editor), (ann.Email, ann.DisplayName, ann.Role));
        Assert.True((await Users.SignInAsync("ann@example.com", "initial password")).Succeeded);
        await Assert.ThrowsAsync<AlreadyExistsException>(() => Users.CreateUserAsync(new NewUser("ANN@example.com", "", Role.Viewer, "another password"), UserServiceFixture.As(admin)));
    }

    [Fact]
    public async Task The_last_active_admin_can_be_neither_demoted_nor_deactivated()
    {
        var admin = await _fixture.FirstAdminAsync();
        var other = await _fixture.UserAsync(admin, "other@example.com", Role.Admin);
        await Users.UpdateUserAsync(new UserUpdate { Id = other.Id, ExpectedVersion = other.Version, Role = Role.Editor }, UserServiceFixture.As(admin));
        admin = (await Users.FindUserAsync(admin.Id))!;

        await Assert.ThrowsAsync<ValidationException>(() => Users.UpdateUserAsync(new UserUpdate { Id = admin.Id, ExpectedVersion = admin.Version, Role = Role.Viewer }, UserServiceFixture.As(admin)));
        await Assert.ThrowsAsync<ValidationException>(() => Users.UpdateUserAsync(new UserUpdate { Id = admin.Id, ExpectedVersion = admin.Version, IsActive = false }, new FlagAdmin.Core.Common.ChangeContext("third@example.com", null, Role.Admin)));

        var stored = (await Users.FindUserAsync(admin.Id))!;
        Assert.Equal((Role.Admin, true), (stored.Role, stored.IsActive));
    }

    [Fact]
    public async Task Nobody_deactivates_their_own_account()
    {
        var admin = await _fixture.FirstAdminAsync();
        await _fixture.UserAsync(admin, "other@example.com", Role.Admin);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Users.UpdateUserAsync(new UserUpdate { Id = admin.Id, ExpectedVersion = admin.Version, IsActive = false }, UserServiceFixture.As(admin)));

        Assert.Contains("your own account", error.Errors["isActive"][0]);
        Assert.True((await Users.FindUserAsync(admin.Id))!.IsActive);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_changes_nothing()
    {
        var admin = await _fixture.FirstAdminAsync();
        var ann = await _fixture.UserAsync(admin, "ann@example.com", Role.Viewer);
        await Users.UpdateUserAsync(new UserUpdate { Id = ann.Id, ExpectedVersion = ann.Version, Role = Role.Editor }, UserServiceFixture.As(admin));

        await Assert.ThrowsAsync<VersionConflictException>(() =>
            Users.UpdateUserAsync(new UserUpdate { Id = ann.Id, ExpectedVersion = ann.Version, Role = Role.Admin }, UserServiceFixture.As(admin)));

        Assert.Equal(Role.Editor, (await Users.FindUserAsync(ann.Id))!.Role);
    }
}
