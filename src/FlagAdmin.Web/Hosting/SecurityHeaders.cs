namespace FlagAdmin.Web.Hosting;

/// <summary>
/// The headers a browser needs to keep FlagAdmin's pages inert against injected markup and framing, on every
/// response (pages, fragments, error pages, static files, APIs), plus HSTS outside Development.
/// </summary>
/// <remarks>
/// The policy allows no inline script and no inline style: app.js is the only script of our own, htmx runs
/// with <c>allowEval</c> off and without its indicator styles, and Bootstrap's scripts set styles through the
/// DOM (which style-src does not restrict), so neither needs <c>'unsafe-inline'</c>. Bootstrap's CSS uses
/// <c>data:</c> SVG images (checkboxes, the navbar toggler), hence <c>img-src data:</c>.
/// </remarks>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
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
