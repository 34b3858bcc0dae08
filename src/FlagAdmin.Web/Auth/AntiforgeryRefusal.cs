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
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } refused)
            {
                if (IsTooLarge(refused.Error))
                {
                    // The token was never read: the form is past the server's body limit. Say that, not "no valid token".
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    return context.Response.WriteAsync("What you sent is larger than FlagAdmin accepts (an import file may be at most "
                        + $"{Api.Transfer.TransferEndpoints.MaxImportBytes / (1024 * 1024)} MB). Nothing was changed; go back and choose a smaller file.");
                }
                if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
                {
                    statusCodePages.Enabled = false;
                }
            }
            return next(context);
        });
        return app;
    }

    private static bool IsTooLarge(Exception? error) =>
        error is not null && (error is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || IsTooLarge(error.InnerException));
}
