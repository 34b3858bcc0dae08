using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FlagAdmin.Web.Api.Access;

/// <summary>Tells readers of <c>/openapi/v1.json</c> (and client generators) that every operation takes a personal access token as a bearer token.</summary>
internal sealed class BearerInOpenApi : IOpenApiDocumentTransformer
{
    public const string SchemeName = "personalAccessToken";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A personal access token (fa_pat_…) created at /account/tokens. SDK keys are refused.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
        return Task.CompletedTask;
    }
}
