using FlagAdmin.Core.Users;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Auth;

/// <summary>Users for tests of pages that need more than the host's first admin (<see cref="AuthHost.AdminEmail"/>).</summary>
public static class UsersPageScenarios
{
    public static async Task<User> FindAsync(WebApplicationFactory<Program> factory, string email) =>
        (await factory.Services.GetRequiredService<UserService>().ListUsersAsync(new(AuthHost.AdminEmail))).Single(user => user.Email == email);

    public static async Task<User> AddAsync(WebApplicationFactory<Program> factory, string email, Role role, string password = "a long enough password") =>
        await factory.Services.GetRequiredService<UserService>().CreateUserAsync(new NewUser(email, "", role, password), new(AuthHost.AdminEmail));
}
