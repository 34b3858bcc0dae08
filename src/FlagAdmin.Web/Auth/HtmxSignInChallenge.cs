using FlagAdmin.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace FlagAdmin.Web.Auth;

/// <summary>
/// A signed-out htmx request (an expired session clicking a switch) gets 401 with <c>HX-Redirect</c> to the sign-in
/// page, so htmx takes the whole page there, returning to the page the user was on (<c>HX-Current-URL</c>), instead
/// of swapping the sign-in page into a table row. Everything else is redirected as usual.
/// </summary>
public static class HtmxSignInChallenge
{
    public static Task RedirectToSignInAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var request = context.Request;
        if (!request.IsHtmx())
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers["HX-Redirect"] = SignInAddress(context.Options, request.Headers["HX-Current-URL"]);
        return Task.CompletedTask;
    }

    private static string SignInAddress(CookieAuthenticationOptions options, string? currentUrl)
    {
        var returnTo = Uri.TryCreate(currentUrl, UriKind.Absolute, out var current) ? current.PathAndQuery : null;
        return LocalReturnUrl.IsLocal(returnTo)
            ? $"{options.LoginPath}?{options.ReturnUrlParameter}={Uri.EscapeDataString(returnTo!)}"
            : options.LoginPath.ToString();
    }
}
