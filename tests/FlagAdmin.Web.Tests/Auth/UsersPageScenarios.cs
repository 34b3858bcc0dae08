using System.Net;
using FlagAdmin.Core.Users;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Auth;

/// <summary>The users pages, on both stores; the host's first admin is <see cref="AuthHost.AdminEmail"/>.</summary>
public static class UsersPageScenarios
{
    public static async Task<User> FindAsync(WebApplicationFactory<Program> factory, string email) =>
        (await factory.Services.GetRequiredService<UserService>().ListUsersAsync(new(AuthHost.AdminEmail))).Single(user => user.Email == email);

    public static async Task<User> AddAsync(WebApplicationFactory<Program> factory, string email, Role role, string password = "a long enough password") =>
        await factory.Services.GetRequiredService<UserService>().CreateUserAsync(new NewUser(email, "", role, password), new(AuthHost.AdminEmail));

    public static async Task TheLastAdminCanBeNeitherDemotedNorDeactivatedAsync(FlagAdminFactory factory)
    {
        var browser = await new Browser(factory).SignedInAsync(AuthHost.AdminEmail, AuthHost.AdminPassword);
        var admin = await FindAsync(factory, AuthHost.AdminEmail);
        var other = await AddAsync(factory, "other.admin@example.com", Role.Admin);
        var otherBrowser = await new Browser(factory).SignedInAsync(other.Email, "a long enough password");
        // The other admin is deactivated by the first, so the first is the last active Admin.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync($"/users/{other.Id}", "user-active", new Dictionary<string, string>())).StatusCode);

        var demote = await browser.SubmitAsync($"/users/{admin.Id}", "user-role", new Dictionary<string, string> { ["RoleInput.Role"] = "Editor" });

        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
        Assert.Contains("is the last active Admin", (await HtmlPage.ParseAsync(demote)).QuerySelector("main .alert-danger")!.TextContent);
        Assert.Equal(Role.Admin, (await FindAsync(factory, AuthHost.AdminEmail)).Role);
        Assert.Equal(HttpStatusCode.Redirect, (await otherBrowser.GetAsync("/users")).StatusCode);
    }
}
