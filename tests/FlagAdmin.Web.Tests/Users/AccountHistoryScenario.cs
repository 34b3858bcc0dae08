using FlagAdmin.Core.Common;
using FlagAdmin.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace FlagAdmin.Web.Tests.Users;

/// <summary>
/// What the account history tests read back: Ada (a Viewer) gets a token; then admin@example.com promotes her to
/// Editor ("promoted"), resets her password ("forgot it") and revokes her token ("leaked"). Newest first that is:
/// revoked, password reset, role changed, token created, Ada created.
/// </summary>
public sealed record AccountHistoryScenario(User Ada, CreatedAccessToken Token, IReadOnlyList<string> AdaPasswordHashes)
{
    public const string Admin = "admin@example.com";

    public static async Task<AccountHistoryScenario> RunAsync(IServiceProvider services)
    {
        var users = services.GetRequiredService<UserService>();
        var ada = await users.CreateUserAsync(new NewUser("ada@example.com", "Ada", Role.Viewer, "correct horse battery staple"), new ChangeContext(Admin, "new analyst"));
        var token = await users.CreateTokenAsync(ada.Id, new NewAccessToken("ci-deploy", Role.Viewer, null), new ChangeContext(ada.Email, Role: Role.Viewer));
        var promoted = await users.UpdateUserAsync(new UserUpdate { Id = ada.Id, ExpectedVersion = ada.Version, Role = Role.Editor }, new ChangeContext(Admin, "promoted"));
        await users.UpdateUserAsync(new UserUpdate { Id = ada.Id, ExpectedVersion = promoted.Version, NewPassword = "another long passphrase" }, new ChangeContext(Admin, "forgot it"));
        await users.RevokeTokenAsync(ada.Id, token.Token.Id, new ChangeContext(Admin, "leaked"));
        var stored = await users.FindUserAsync(ada.Id) ?? throw new InvalidOperationException("Ada is gone.");
        return new AccountHistoryScenario(stored, token, [ada.PasswordHash, stored.PasswordHash]);
    }

    /// <summary>Nothing that would let someone sign in or call the API may appear in what the history shows.</summary>
    public void AssertNoSecretIn(string text)
    {
        Assert.DoesNotContain(Token.Secret, text);
        Assert.DoesNotContain(Token.Token.SecretHash, text);
        Assert.All(AdaPasswordHashes, hash => Assert.DoesNotContain(hash, text));
        Assert.DoesNotContain("passwordHash", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secretHash", text, StringComparison.OrdinalIgnoreCase);
    }
}
