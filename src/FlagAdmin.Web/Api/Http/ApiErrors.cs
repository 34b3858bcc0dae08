namespace FlagAdmin.Web.Api.Http;

/// <summary>
/// Answers every expected failure under <c>/api</c> with problem details (<see cref="ApiProblems"/>), including the
/// bare statuses routing answers by itself (404 no such route, 405 wrong method, 415 not JSON); anything else
/// stays a 500. It wraps the whole pipeline of an API request, authentication and rate limiting included, so a
/// token that cannot be checked because the database is down is a 503 problem like any other store failure.
/// </summary>
public static class ApiErrors
{
    public static WebApplication UseAdminApiErrors(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments(AdminApi.Prefix), api => api.Use(async (http, next) =>
        {
            try
            {
                await next(http);
                if (!http.Response.HasStarted && http.Response.StatusCode >= 400 && string.IsNullOrEmpty(http.Response.ContentType))
                {
                    await ApiProblems.ForStatus(http.Response.StatusCode).ExecuteAsync(http);
                }
            }
            catch (Exception error) when (ApiProblems.IsExpected(error) && !http.Response.HasStarted)
            {
                http.Response.Clear();
                await ApiProblems.For(error, http).ExecuteAsync(http);
            }
        }));
        return app;
    }
}
