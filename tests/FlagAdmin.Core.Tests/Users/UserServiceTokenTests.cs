using System.Security.Cryptography;
using System.Text;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Core.Tests.Users;

public sealed class UserServiceTokenTests : IDisposable
{
    private readonly UserServiceFixture _fixture = new();

    private UserService Users => _fixture.Users;

    public void Dispose() => _fixture.Dispose();

    private async Task<(User Admin, User Editor)> PeopleAsync()
    {
        var admin = await _fixture.FirstAdminAsync();
        return (admin, await _fixture.UserAsync(admin, "editor@example.com", Role.Editor));
    }

    [Fact]
    public async Task A_new_token_returns_its_secret_once_and_the_store_keeps_only_its_SHA256()
    {
        var (_, editor) = await PeopleAsync();

        var created = await Users.CreateTokenAsync(editor.Id, new NewAccessToken("deploy", Role.Editor, null), UserServiceFixture.As(editor));

        Assert.StartsWith("fa_pat_", created.Secret);
        Assert.True(created.Secret.Length > 40);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(created.Secret))), created.Token.SecretHash);
        Assert.StartsWith(created.Token.Prefix, created.Secret, StringComparison.Ordinal);
        var listed = Assert.Single(await Users.ListTokensAsync(editor.Id, UserServiceFixture.As(editor)));
        Assert.Equal(("deploy", Role.Editor, editor.Id), (listed.Name, listed.Role, listed.UserId));
        Assert.DoesNotContain(created.Secret, listed.ToString());
    }

    [Fact]
    public async Task Two_tokens_never_share_a_secret()
    {
        var (_, editor) = await PeopleAsync();

        var first = await Users.CreateTokenAsync(editor.Id, new NewAccessToken("one", Role.Viewer, null), UserServiceFixture.As(editor));
        var second = await Users.CreateTokenAsync(editor.Id, new NewAccessToken("two", Role.Viewer, null), UserServiceFixture.As(editor));

        Assert.NotEqual(first.Secret, second.Secret);
        Assert.NotEqual(first.Token.Id, second.Token.Id);
    }

    [Fact]
    public async Task A_token_may_not_have_a_higher_role_than_its_owner()
    {
        var (_, editor) = await PeopleAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Users.CreateTokenAsync(editor.Id, new NewAccessToken("too strong", Role.Admin, null), UserServiceFixture.As(editor)));

        Assert.Contains("at most your own (Editor)", error.Errors["role"][0]);
        Assert.Empty(await Users.ListTokensAsync(editor.Id, UserServiceFixture.As(editor)));
    }

    [Fact]
    public async Task A_token_needs_a_name_and_an_expiry_in_the_future()
    {
        var (_, editor) = await PeopleAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Users.CreateTokenAsync(editor.Id, new NewAccessToken("  ", Role.Viewer, _fixture.Time.GetUtcNow().AddDays(-1)), UserServiceFixture.As(editor)));

        Assert.True(error.Errors.ContainsKey("name"));
        Assert.True(error.Errors.ContainsKey("expiresAt"));
    }

    [Fact]
    public async Task Nobody_creates_a_token_for_someone_else_not_even_an_admin()
    {
        var (admin, editor) = await PeopleAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Users.CreateTokenAsync(editor.Id, new NewAccessToken("sneaky", Role.Viewer, null), UserServiceFixture.As(admin)));

        Assert.Empty(await Users.ListTokensAsync(editor.Id, UserServiceFixture.As(editor)));
    }

    [Fact]
    public async Task A_token_authenticates_as_its_owner_with_the_lower_of_its_role_and_the_owners_current_role()
    {
        var (admin, editor) = await PeopleAsync();
        var created = await Users.CreateTokenAsync(editor.Id, new NewAccessToken("deploy", Role.Editor, null), UserServiceFixture.As(editor));

        var before = await Users.AuthenticateTokenAsync(created.Secret);
        await Users.UpdateUserAsync(new UserUpdate { Id = editor.Id, ExpectedVersion = editor.Version, Role = Role.Viewer }, UserServiceFixture.As(admin));
        var after = await Users.AuthenticateTokenAsync(created.Secret);

        Assert.Equal((editor.Id, Role.Editor), (before!.User.Id, before.Role));
        Assert.Equal((editor.Id, Role.Viewer), (after!.User.Id, after.Role));
        Assert.Equal("token 'deploy'", after.Via);
    }

    [Fact]
    public async Task A_viewer_token_of_an_admin_acts_as_a_viewer()
    {
        var admin = await _fixture.FirstAdminAsync();
        var created = await Users.CreateTokenAsync(admin.Id, new NewAccessToken("read only", Role.Viewer, null), UserServiceFixture.As(admin));

        Assert.Equal(Role.Viewer, (await Users.AuthenticateTokenAsync(created.Secret))!.Role);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fa_pat_")]
    [InlineData("fa_sdk_abcdefghijklmnopqrstuvwxyz")]
    [InlineData("fa_pat_not-a-real-token-at-all-0123456789")]
    public async Task An_unknown_or_malformed_secret_authenticates_nobody(string? secret)
    {
        await PeopleAsync();

        Assert.Null(await Users.AuthenticateTokenAsync(secret));
    }

    [Fact]
    public async Task A_revoked_token_stops_working_at_once()
    {
        var (_, editor) = await PeopleAsync();
        var created = await Users.CreateTokenAsync(editor.Id, new NewAccessToken("deploy", Role.Editor, null), UserServiceFixture.As(editor));

        var revoked = await Users.RevokeTokenAsync(editor.Id, created.Token.Id, UserServiceFixture.As(editor));

        Assert.NotNull(revoked.RevokedAt);
        Assert.Null(await Users.AuthenticateTokenAsync(created.Secret));
        await Assert.ThrowsAsync<ValidationException>(() => Users.RevokeTokenAsync(editor.Id, created.Token.Id, UserServiceFixture.As(editor)));
    }

    [Fact]
    public async Task An_admin_may_revoke_someone_elses_token_but_an_editor_may_not()
    {
        var (admin, editor) = await PeopleAsync();
        var other = await _fixture.UserAsync(admin, "other@example.com", Role.Editor);
        var created = await Users.CreateTokenAsync(editor.Id, new NewAccessToken("deploy", Role.Editor, null), UserServiceFixture.As(editor));

        await Assert.ThrowsAsync<ForbiddenException>(() => Users.RevokeTokenAsync(editor.Id, created.Token.Id, UserServiceFixture.As(other)));
        Assert.NotNull(await Users.AuthenticateTokenAsync(created.Secret));

        await Users.RevokeTokenAsync(editor.Id, created.Token.Id, UserServiceFixture.As(admin));
        Assert.Null(await Users.AuthenticateTokenAsync(created.Secret));
    }

    [Fact]
    public async Task A_token_stops_working_when_it_expires()
    {
        var (_, editor) = await PeopleAsync();
        var created = await Users.CreateTokenAsync(editor.Id, new NewAccessToken("short", Role.Viewer, _fixture.Time.GetUtcNow().AddHours(1)), UserServiceFixture.As(editor));

        Assert.NotNull(await Users.AuthenticateTokenAsync(created.Secret));
        _fixture.Time.Advance(TimeSpan.FromHours(1));
        Assert.Null(await Users.AuthenticateTokenAsync(created.Secret));
    }

    [Fact]
    public async Task A_deactivated_users_tokens_stop_working_and_work_again_on_reactivation()
    {
        var (admin, editor) = await PeopleAsync();
        var created = await Users.CreateTokenAsync(editor.Id, new NewAccessToken("deploy", Role.Editor, null), UserServiceFixture.As(editor));

        editor = await Users.UpdateUserAsync(new UserUpdate { Id = editor.Id, ExpectedVersion = editor.Version, IsActive = false }, UserServiceFixture.As(admin));
        Assert.Null(await Users.AuthenticateTokenAsync(created.Secret));

        await Users.UpdateUserAsync(new UserUpdate { Id = editor.Id, ExpectedVersion = editor.Version, IsActive = true }, UserServiceFixture.As(admin));
        Assert.NotNull(await Users.AuthenticateTokenAsync(created.Secret));
    }
}
