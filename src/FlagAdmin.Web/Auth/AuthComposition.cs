using FlagAdmin.Core.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FlagAdmin.Web.Auth;

public static class AuthComposition
{
    public const string CookieName = "FlagAdmin.Auth";

    /// <summary>Cookie sign-in for people in the browser, the role policies (<see cref="Policies"/>) and password hashing.</summary>
    public static IServiceCollection AddFlagAdminAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var secure = HttpsOnly.CookiePolicy(HttpsOnly.IsRequired(configuration, environment));
        services.TryAddSingleton<IPasswordHashing, PasswordHashing>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = secure;
                options.LoginPath = "/signin";
                options.LogoutPath = "/signout";
                options.AccessDeniedPath = "/error/403";
                options.ReturnUrlParameter = "returnUrl";
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
            });
        // The antiforgery cookie is not secure by default; it follows the sign-in cookie (HttpsOnly).
        services.Configure<AntiforgeryOptions>(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = secure;
        });
        services.AddAuthorization(options => options.AddRolePolicies());
        services.AddCascadingAuthenticationState();
        return services;
    }
}
