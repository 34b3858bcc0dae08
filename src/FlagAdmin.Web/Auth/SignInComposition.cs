using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace FlagAdmin.Web.Auth;

public static class SignInComposition
{
    /// <summary>Checks of the sign-in cookie against the store, and the rate limit on sign-in posts.</summary>
    public static IServiceCollection AddFlagAdminSignIn(this IServiceCollection services)
    {
        services.AddCookieSignInChecks();
        services.AddRateLimiter(options => options.AddPolicy<string, SignInRateLimit>(SignInRateLimit.PolicyName));
        return services;
    }

    /// <summary><c>POST /signout</c> (with the antiforgery token, like every form): ends the session and shows the sign-in page.</summary>
    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder app)
    {
        app.MapPost("/signout", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            // Checked here as well as by the middleware, which looks only at form posts: a bodiless cross-site post must not sign anyone out.
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } || !await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            await context.SignOutAsync(CookieSignIn.Scheme);
            context.Response.Headers.Location = "/signin";
            return Results.StatusCode(StatusCodes.Status303SeeOther);
        }).WithMetadata(new RequireAntiforgeryTokenAttribute()).AllowAnonymous();
        return app;
    }
}
