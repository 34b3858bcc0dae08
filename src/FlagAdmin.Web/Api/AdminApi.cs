using FlagAdmin.Web.Api.Access;
using FlagAdmin.Web.Api.Audit;
using FlagAdmin.Web.Api.Flags;
using FlagAdmin.Web.Api.Http;
using FlagAdmin.Web.Api.Projects;
using FlagAdmin.Web.Api.SdkKeys;
using FlagAdmin.Web.Api.States;
using FlagAdmin.Web.Api.Transfer;
using FlagAdmin.Core.Transfer;
using FlagAdmin.Web.Api.Users;
using FlagAdmin.Core.Users;
using Microsoft.AspNetCore.Authorization;

namespace FlagAdmin.Web.Api;

/// <summary>
/// The admin HTTP API under <c>/api/v1</c>: everything the UI can do, for scripts and pipelines. Authenticated by
/// personal access tokens only (<see cref="AccessTokenAuthentication"/>), never by the browser's cookie, so
/// there is no cross-site request to forge. Rate limited per token (<see cref="ApiRateLimit"/>). Described by
/// the framework's OpenAPI document at <c>/openapi/v1.json</c>.
/// </summary>
public static class AdminApi
{
    public const string Prefix = "/api/v1";
    public const string Policy = "AdminApi";

    public static IServiceCollection AddAdminApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ProjectExporter>();
        services.AddSingleton<ProjectImporter>();
        services.AddAuthentication().AddAccessTokens();
        services.AddAuthorization(options => options.AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(AccessTokenAuthentication.ApiScheme)
            .RequireAuthenticatedUser()));
        ApiRateLimit.Register(services, configuration);
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith(Prefix.TrimStart('/') + "/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<BearerInOpenApi>();
            options.AddOperationTransformer<RequestHeadersInOpenApi>();
        });
        return services;
    }

    public static WebApplication MapAdminApi(this WebApplication app)
    {
        var api = app.MapGroup(Prefix)
            .RequireAuthorization(Policy)
            .RequireRateLimiting(ApiRateLimit.PolicyName)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithConditionalGets();
        api.MapProjectEndpoints();
        api.MapFlagEndpoints();
        api.MapStateEndpoints();
        api.MapAuditEndpoints();
        api.MapSdkKeyEndpoints();
        api.MapUserEndpoints();
        api.MapTransferEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}
