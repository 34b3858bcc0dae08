using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace FlagAdmin.Web.Auth;

public static class AntiforgeryRefusal
{
    /// <summary>
    /// A post whose antiforgery token is missing or wrong is answered 400 by its endpoint. The status-code page
    /// must not re-execute such a request: the re-executed POST would meet the same bad token while rendering
    /// the error page and turn the 400 into a 500. Runs right after <c>UseAntiforgery</c>.
    /// </summary>
    public static WebApplication UseAntiforgeryRefusal(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
                && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }
            return next(context);
        });
        return app;
    }
}
