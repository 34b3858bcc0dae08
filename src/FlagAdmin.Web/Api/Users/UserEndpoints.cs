using System.Text.Json.Serialization;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Api.Http;
using FlagAdmin.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlagAdmin.Web.Api.Users;

/// <summary>
/// Users and their roles, for Admins (UserService decides; everyone else gets 403): list, get, add with an initial
/// password, and change display name, role, active state or password. Each user answers with its version as ETag;
/// changes need If-Match. Passwords are never returned.
/// </summary>
public static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/users", ListAsync).WithName("ListUsers");
        api.MapPost("/users", CreateAsync).WithName("CreateUser");
        api.MapGet("/users/{id}", GetAsync).WithName("GetUser");
        api.MapPatch("/users/{id}", UpdateAsync).WithName("UpdateUser").WithIfMatch();
        return api;
    }

    private static async Task<Ok<List<UserDto>>> ListAsync(UserService users, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok((await users.ListUsersAsync(http.User.ToChangeContext(), cancellationToken)).Select(UserDto.From).ToList());

    private static async Task<Ok<UserDto>> GetAsync(string id, UserService users, HttpContext http, CancellationToken cancellationToken)
    {
        var user = (await users.ListUsersAsync(http.User.ToChangeContext(), cancellationToken)).FirstOrDefault(u => u.Id == id)
            ?? throw new NotFoundException("User", id);
        Versions.SetETag(http, user.Version);
        return TypedResults.Ok(UserDto.From(user));
    }

    private static async Task<Created<UserDto>> CreateAsync(JsonBody<CreateUserRequest> body, UserService users, HttpContext http, CancellationToken cancellationToken)
    {
        var request = body.Value;
        var created = await users.CreateUserAsync(new NewUser(request.Email, request.DisplayName ?? "", request.Role, request.Password),
            http.User.ToChangeContext(ChangeReason.From(http.Request, body.Value)), cancellationToken);
        Versions.SetETag(http, created.Version);
        return TypedResults.Created($"{AdminApi.Prefix}/users/{created.Id}", UserDto.From(created));
    }

    private static async Task<Ok<UserDto>> UpdateAsync(string id, JsonBody<UpdateUserRequest> body, UserService users, HttpContext http, CancellationToken cancellationToken)
    {
        var expected = Versions.RequireIfMatch(http.Request);
        var request = body.Value;
        var updated = await users.UpdateUserAsync(new UserUpdate
        {
            Id = id,
            ExpectedVersion = expected,
            DisplayName = request.DisplayName,
            Role = request.Role,
            IsActive = request.IsActive,
            NewPassword = request.Password,
        }, http.User.ToChangeContext(ChangeReason.From(http.Request, body.Value)), cancellationToken);
        Versions.SetETag(http, updated.Version);
        return TypedResults.Ok(UserDto.From(updated));
    }
}

public sealed record UserDto(
    string Id, string Email, string DisplayName,
    [property: JsonConverter(typeof(CamelCaseEnum<Role>))] Role Role,
    bool IsActive, DateTimeOffset? LastSignInAt, DateTimeOffset? LockedUntil,
    string CreatedBy, DateTimeOffset CreatedAt, string UpdatedBy, DateTimeOffset UpdatedAt, uint Version)
{
    public static UserDto From(User u) => new(
        u.Id, u.Email, u.DisplayName, u.Role, u.IsActive, u.LastSignInAt, u.LockedUntil, u.CreatedBy, u.CreatedAt, u.UpdatedBy, u.UpdatedAt, u.Version);
}

/// <summary>A person to add, with the password they sign in with first.</summary>
public sealed record CreateUserRequest(
    string Email, string Password,
    [property: JsonConverter(typeof(CamelCaseEnum<Role>))] Role Role = Role.Viewer,
    string? DisplayName = null, string? Reason = null) : IChangeRequest;

/// <summary>A change (PATCH): properties left out stay as they are.</summary>
public sealed record UpdateUserRequest : IChangeRequest
{
    public string? DisplayName { get; init; }

    [JsonConverter(typeof(CamelCaseEnum<Role>))]
    public Role? Role { get; init; }

    public bool? IsActive { get; init; }
    public string? Password { get; init; }
    public string? Reason { get; init; }
}
