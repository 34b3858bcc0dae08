using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FlagAdmin.Web.Api.Http;

/// <summary>
/// Describes the request headers the framework cannot see in the handlers' signatures: <c>If-None-Match</c> on
/// every GET and HEAD (<see cref="ConditionalGets"/>), <c>X-Change-Reason</c> on every write (<see cref="ChangeReason"/>)
/// and the required <c>If-Match</c> on the writes marked <see cref="IfMatchRequired"/>.
/// </summary>
internal sealed class RequestHeadersInOpenApi : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var method = context.Description.HttpMethod ?? "";
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            Add(operation, "If-None-Match", "ETags from earlier answers (or *): 304 Not Modified, without a body, while the answer is still the same.");
        }
        else if (HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method))
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IfMatchRequired>().Any())
            {
                Add(operation, "If-Match", "The ETag you read (\"<version>\"): 428 without it, 412 with the current state when it is stale.", required: true);
            }
            Add(operation, ChangeReason.Header, $"Why the change is made, for the audit trail: percent-encoded UTF-8, at most {ChangeReason.MaxLength} characters. A JSON body may carry it as 'reason' instead; given in both, they must be the same.");
        }
        return Task.CompletedTask;
    }

    private static void Add(OpenApiOperation operation, string header, string description, bool required = false)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = header,
            In = ParameterLocation.Header,
            Required = required,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }
}
