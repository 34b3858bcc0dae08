using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Core.Tests.Users;

public sealed class UserServiceHistoryTests : IDisposable
{
    private readonly UserServiceFixture _fixture = new();

    private UserService Users => _fixture.Users;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task An_admin_reads_the_account_history_whatever_project_the_query_names()
    {
        var admin = await _fixture.FirstAdminAsync();
        await _fixture.UserAsync(admin, "ada@example.com", Role.Viewer);

        var page = await Users.HistoryAsync(new AuditQuery { ProjectKey = "shop" }, UserServiceFixture.As(admin));

        Assert.Equal([AuditAction.UserCreated, AuditAction.UserCreated], page.Items.Select(e => e.Action));
        Assert.All(page.Items, e => Assert.Equal(UserAudit.ProjectKey, e.ProjectKey));
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Editor)]
    public async Task Only_admins_read_the_account_history(Role role)
    {
        var admin = await _fixture.FirstAdminAsync();
        var other = await _fixture.UserAsync(admin, "ada@example.com", role);

        var error = await Assert.ThrowsAsync<ForbiddenException>(() => Users.HistoryAsync(new AuditQuery { ProjectKey = UserAudit.ProjectKey }, UserServiceFixture.As(other)));

        Assert.Contains("Admin", error.Message);
    }

    [Fact]
    public async Task A_page_size_out_of_range_is_a_validation_error()
    {
        var admin = await _fixture.FirstAdminAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => Users.HistoryAsync(new AuditQuery { ProjectKey = UserAudit.ProjectKey, Limit = 0 }, UserServiceFixture.As(admin)));

        Assert.True(error.Errors.ContainsKey("limit"));
    }
}
