using FlagAdmin.Core.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FlagAdmin.Web.Auth;

public static class AuthComposition
{
    public const string CookieName = "FlagAdmin.Auth";

    /// <summary>Cookie sign-in for people in the browser, the role policies (<see cref="Policies"/>) and password hashing.</summary>
    public static IServiceCollection AddFlagAdminAuth(this IServiceCollection services, IHostEnvironment environment)
    {
        services.TryAddSingleton<IPasswordHashing, PasswordHashing>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                // Development serves plain http on loopback; everywhere else the cookie travels over https only.
                options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                options.LoginPath = "/signin";
                options.LogoutPath = "/signout";
                options.AccessDeniedPath = "/error/403";
                options.ReturnUrlParameter = "returnUrl";
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
            });
        // The antiforgery cookie is not secure by default; outside Development it travels over https only, like the sign-in cookie.
        services.Configure<AntiforgeryOptions>(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        services.AddAuthorization(options => options.AddRolePolicies());
        services.AddCascadingAuthenticationState();
        return services;
    }
}
