using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FlagAdmin.Web.Api.Http;

/// <summary>Describes the optional <c>If-None-Match</c> header that every GET of the API honours (<see cref="ConditionalGets"/>).</summary>
internal sealed class ConditionalGetsInOpenApi : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (string.Equals(context.Description.HttpMethod, HttpMethods.Get, StringComparison.OrdinalIgnoreCase))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-None-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = "ETags from earlier answers (or *): 304 Not Modified, without a body, while the answer is still the same.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
        return Task.CompletedTask;
    }
}
