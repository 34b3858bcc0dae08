namespace FlagAdmin.Web.Hosting;

/// <summary>
/// The headers a browser needs to keep FlagAdmin's pages inert against injected markup and framing, on every
/// response (pages, fragments, error pages, static files, APIs), plus HSTS outside Development.
/// </summary>
/// <remarks>
/// Scripts come only from FlagAdmin itself, never inline and never evaluated from strings (no <c>'unsafe-eval'</c>):
/// Blazor's and MudBlazor's scripts and our modules are files, and the interactive pages' circuit is a WebSocket
/// to this host (<c>connect-src 'self'</c>). Styles allow <c>'unsafe-inline'</c> because MudBlazor writes its theme as
/// a <c>&lt;style&gt;</c> element and positions popovers, drawers and sliders with <c>style</c> attributes that
/// Blazor sets through setAttribute (docs/decisions/0017). MudBlazor's and Bootstrap's CSS use <c>data:</c> SVG images.
/// </remarks>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.Use((context, next) =>
        {
            // Set when the response starts, so responses rewritten by the exception handler (which clears headers) keep them.
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
        return app;
    }
}
