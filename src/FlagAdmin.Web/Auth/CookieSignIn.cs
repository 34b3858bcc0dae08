using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace FlagAdmin.Web.Auth;

/// <summary>
/// The browser's sign-in: the cookie's principal, and its check against the store on every request, so that a
/// deactivated user is signed out, a changed role applies at once, and a password reset ends other sessions.
/// </summary>
public static class CookieSignIn
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    // A fingerprint of the password hash: when an admin resets the password, cookies issued before no longer match.
    private const string PasswordStampClaim = "flagadmin:pwd";

    public static Task SignInAsync(HttpContext context, User user) =>
        context.SignInAsync(Scheme, CreatePrincipal(user), new AuthenticationProperties { IsPersistent = false });

    public static ClaimsPrincipal CreatePrincipal(User user)
    {
        var identity = FlagAdminClaims.CreateIdentity(user, user.Role, Scheme);
        identity.AddClaim(new Claim(PasswordStampClaim, PasswordStamp(user)));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Wires <see cref="ValidateAsync"/> and <see cref="HtmxSignInChallenge"/>, and answers a signed-in user who may not see a page with 403 (not a redirect).</summary>
    public static IServiceCollection AddCookieSignInChecks(this IServiceCollection services)
    {
        services.PostConfigure<CookieAuthenticationOptions>(Scheme, options =>
        {
            options.Events.OnValidatePrincipal = ValidateAsync;
            options.Events.OnRedirectToLogin = HtmxSignInChallenge.RedirectToSignInAsync;
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>
    /// One lookup by id per request: gone, deactivated or re-passworded users are signed out; a changed role or
    /// email replaces the principal (and renews the cookie). While the store is unreachable the cookie is kept:
    /// every write fails then anyway, and signing everyone out would only add to the outage.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<UserService>();
        var (verdict, user) = await CheckAsync(context.Principal, users, context.HttpContext.RequestAborted);
        switch (verdict)
        {
            case SignInCheck.Rejected:
                await RejectAsync(context);
                break;
            case SignInCheck.Changed:
                context.ReplacePrincipal(CreatePrincipal(user!));
                context.ShouldRenew = true;
                break;
        }
    }

    /// <summary>
    /// Whether <paramref name="principal"/> still stands for a user as the store has them now (the cookie on every
    /// request, a circuit every few seconds): with the stored user when it does.
    /// </summary>
    public static async Task<(SignInCheck Verdict, User? User)> CheckAsync(ClaimsPrincipal? principal, UserService users, CancellationToken cancellationToken)
    {
        var id = principal?.UserId();
        if (principal is null || id is null)
        {
            return (SignInCheck.Rejected, null);
        }
        User? user;
        try
        {
            user = await users.FindUserAsync(id, cancellationToken);
        }
        catch (StoreException)
        {
            return (SignInCheck.StoreUnavailable, null);
        }
        if (user is not { IsActive: true } || principal.FindFirstValue(PasswordStampClaim) != PasswordStamp(user))
        {
            return (SignInCheck.Rejected, null);
        }
        return principal.FlagAdminRole() != user.Role || principal.Identity?.Name != user.Email
            ? (SignInCheck.Changed, user)
            : (SignInCheck.Valid, user);
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }

    private static string PasswordStamp(User user) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(user.PasswordHash)))[..16];
}

/// <summary>What <see cref="CookieSignIn.CheckAsync"/> found.</summary>
public enum SignInCheck
{
    /// <summary>The principal matches the stored user.</summary>
    Valid,

    /// <summary>Still the same user, but their role or email changed: the principal must be replaced.</summary>
    Changed,

    /// <summary>Gone, deactivated, or their password was reset: they must sign in again.</summary>
    Rejected,

    /// <summary>The store could not be asked; the principal is kept as it is.</summary>
    StoreUnavailable,
}
