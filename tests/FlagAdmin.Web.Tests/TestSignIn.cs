using System.Security.Claims;
using System.Text.Encodings.Web;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlagAdmin.Web.Tests;

/// <summary>
/// Tests of pages and endpoints that are not about signing in act as a user of a given role by sending
/// <see cref="Header"/> (<c>email|Role</c>); requests without it go through the app's real cookie sign-in.
/// Sign-in itself, lockout and the role matrix are tested through the real sign-in, not this.
/// </summary>
public static class TestSignIn
{
    public const string Header = "X-Test-User";
    private const string Scheme = "Test";
    private const string Selector = "TestOrCookie";

    public static void AddTestSignIn(this IServiceCollection services)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = Selector;
                options.DefaultChallengeScheme = Selector;
            })
            .AddScheme<AuthenticationSchemeOptions, HeaderHandler>(Scheme, _ => { })
            .AddPolicyScheme(Selector, Selector, options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(Header) ? Scheme : CookieAuthenticationDefaults.AuthenticationScheme);
    }

    public static HttpClient As(this HttpClient client, Role role, string email = "test.user@example.com")
    {
        client.DefaultRequestHeaders.Remove(Header);
        client.DefaultRequestHeaders.Add(Header, $"{email}|{role}");
        return client;
    }

    private sealed class HeaderHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var parts = Request.Headers[Header].ToString().Split('|');
            var user = new User
            {
                Id = "test-" + parts[0],
                Email = parts[0],
                DisplayName = parts[0],
                Role = Enum.Parse<Role>(parts[1]),
                PasswordHash = "",
                CreatedBy = "test",
                CreatedAt = DateTimeOffset.UnixEpoch,
                UpdatedBy = "test",
                UpdatedAt = DateTimeOffset.UnixEpoch,
            };
            var identity = FlagAdminClaims.CreateIdentity(user, user.Role, Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }
    }
}
