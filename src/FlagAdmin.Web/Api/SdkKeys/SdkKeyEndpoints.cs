using FlagAdmin.Core.Errors;
using FlagAdmin.Core.SdkKeys;
using FlagAdmin.Web.Api.Http;
using FlagAdmin.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlagAdmin.Web.Api.SdkKeys;

/// <summary>
/// SDK keys of a project: create (the secret is in that one response and never again), list, revoke. Creating
/// and revoking need an Admin (SdkKeyService decides). A revoked key stops evaluating at once.
/// </summary>
public static class SdkKeyEndpoints
{
    public static RouteGroupBuilder MapSdkKeyEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{project}/sdk-keys", ListAsync).WithName("ListSdkKeys");
        api.MapPost("/projects/{project}/sdk-keys", CreateAsync).WithName("CreateSdkKey");
        api.MapPost("/projects/{project}/sdk-keys/{id}/revoke", RevokeAsync).WithName("RevokeSdkKey");
        return api;
    }

    private static async Task<Ok<List<SdkKeyDto>>> ListAsync(string project, SdkKeyService keys, Core.Flags.FlagService flags, CancellationToken cancellationToken)
    {
        await flags.GetProjectAsync(project, cancellationToken);
        return TypedResults.Ok((await keys.ListAsync(project, cancellationToken)).Select(SdkKeyDto.From).ToList());
    }

    private static async Task<Created<CreatedSdkKeyDto>> CreateAsync(string project, JsonBody<CreateSdkKeyRequest> body, SdkKeyService keys, Core.Flags.FlagService flags, HttpContext http, CancellationToken cancellationToken)
    {
        var change = http.User.ToChangeContext(ChangeReason.From(http.Request, body.Value));
        var request = body.Value;
        var environments = await flags.ListEnvironmentsAsync(project, cancellationToken);
        if (!string.IsNullOrWhiteSpace(request.Environment) && environments.All(e => e.Key != request.Environment))
        {
            throw new ValidationException("environment", $"Project '{project}' has no environment '{request.Environment}'.");
        }
        var created = await keys.CreateAsync(new NewSdkKey(project, request.Environment, request.Name), change, cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"{AdminApi.Prefix}/projects/{project}/sdk-keys/{created.Key.Id}", new CreatedSdkKeyDto(SdkKeyDto.From(created.Key), created.Secret));
    }

    /// <summary>Revokes the key as it is now; revoking needs no If-Match, since there is no edit to lose.</summary>
    private static async Task<Ok<SdkKeyDto>> RevokeAsync(string project, string id, SdkKeyService keys, HttpContext http, CancellationToken cancellationToken)
    {
        var change = http.User.ToChangeContext(ChangeReason.From(http.Request));
        var key = (await keys.ListAsync(project, cancellationToken)).FirstOrDefault(k => k.Id == id)
            ?? throw new NotFoundException("SDK key", id);
        var revoked = await keys.RevokeAsync(project, id, key.Version, change, cancellationToken);
        return TypedResults.Ok(SdkKeyDto.From(revoked));
    }
}

/// <summary>An SDK key without its secret; <see cref="Prefix"/> tells keys apart.</summary>
public sealed record SdkKeyDto(string Id, string Environment, string Name, string Prefix, string CreatedBy, DateTimeOffset CreatedAt, string? RevokedBy, DateTimeOffset? RevokedAt)
{
    public static SdkKeyDto From(SdkKey k) => new(k.Id, k.EnvironmentKey, k.Name, k.Prefix, k.CreatedBy, k.CreatedAt, k.RevokedBy, k.RevokedAt);
}

public sealed record CreateSdkKeyRequest(string Environment, string Name, string? Reason = null) : IChangeRequest;

/// <summary>The new key and its secret: store the secret now, it is never shown again.</summary>
public sealed record CreatedSdkKeyDto(SdkKeyDto Key, string Secret);
