using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Web.Api.Http;
using FlagAdmin.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlagAdmin.Web.Api.Projects;

/// <summary>Projects and their environments. Reading needs any role; every change needs an Admin (FlagService decides).</summary>
public static class ProjectEndpoints
{
    public static RouteGroupBuilder MapProjectEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/projects", ListProjectsAsync).WithName("ListProjects");
        api.MapPost("/projects", CreateProjectAsync).WithName("CreateProject");
        api.MapGet("/projects/{project}", GetProjectAsync).WithName("GetProject");
        api.MapPut("/projects/{project}", UpdateProjectAsync).WithName("UpdateProject").WithIfMatch();
        api.MapGet("/projects/{project}/environments", ListEnvironmentsAsync).WithName("ListEnvironments");
        api.MapPost("/projects/{project}/environments", CreateEnvironmentAsync).WithName("CreateEnvironment");
        api.MapPut("/projects/{project}/environment-order", ReorderEnvironmentsAsync).WithName("ReorderEnvironments")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        api.MapGet("/projects/{project}/environments/{environment}", GetEnvironmentAsync).WithName("GetEnvironment");
        api.MapPut("/projects/{project}/environments/{environment}", UpdateEnvironmentAsync).WithName("UpdateEnvironment").WithIfMatch();
        return api;
    }

    private static async Task<Ok<List<ProjectDto>>> ListProjectsAsync(FlagService flags, CancellationToken cancellationToken) =>
        TypedResults.Ok((await flags.ListProjectsAsync(cancellationToken)).Select(ProjectDto.From).ToList());

    private static async Task<Ok<ProjectDto>> GetProjectAsync(string project, FlagService flags, HttpContext http, CancellationToken cancellationToken)
    {
        var found = await flags.GetProjectAsync(project, cancellationToken);
        Versions.SetETag(http, found.Version);
        return TypedResults.Ok(ProjectDto.From(found));
    }

    private static async Task<Created<ProjectDto>> CreateProjectAsync(JsonBody<CreateProjectRequest> body, FlagService flags, HttpContext http, CancellationToken cancellationToken)
    {
        var request = body.Value;
        var project = new NewProject(request.Key, request.Name, request.RequireReasonInProtectedEnvironments)
        {
            Environments = [.. BodyLists.Items(request.Environments, "environments").Select(e => new EnvironmentTemplate(e.Key, e.Name, e.Protected))],
        };
        var created = await flags.CreateProjectAsync(project, http.User.ToChangeContext(ChangeReason.From(http.Request, body.Value)), cancellationToken);
        Versions.SetETag(http, created.Version);
        return TypedResults.Created($"{AdminApi.Prefix}/projects/{created.Key}", ProjectDto.From(created));
    }

    private static async Task<Ok<ProjectDto>> UpdateProjectAsync(string project, JsonBody<UpdateProjectRequest> body, FlagService flags, HttpContext http, CancellationToken cancellationToken)
    {
        var expected = Versions.RequireIfMatch(http.Request);
        var request = body.Value;
        var updated = await flags.UpdateProjectAsync(
            new ProjectUpdate(project, expected, request.Name, request.RequireReasonInProtectedEnvironments), http.User.ToChangeContext(ChangeReason.From(http.Request, body.Value)), cancellationToken);
        Versions.SetETag(http, updated.Version);
        return TypedResults.Ok(ProjectDto.From(updated));
    }

    private static async Task<Ok<List<EnvironmentDto>>> ListEnvironmentsAsync(string project, FlagService flags, CancellationToken cancellationToken) =>
        TypedResults.Ok((await flags.ListEnvironmentsAsync(project, cancellationToken)).Select(EnvironmentDto.From).ToList());

    /// <summary>
    /// Puts the environments in the order of the body, all or nothing: 412 (with <c>current</c>, every environment as it is
    /// now) when any of them changed since it was read, 422 when the list does not name each environment exactly once.
    /// </summary>
    private static async Task<Ok<List<EnvironmentDto>>> ReorderEnvironmentsAsync(string project, JsonBody<ReorderEnvironmentsRequest> body, FlagService flags, HttpContext http, CancellationToken cancellationToken)
    {
        var order = BodyLists.Items(body.Value.Environments, "environments").Select(e => new EnvironmentPosition(e.Key, e.Version)).ToList();
        var reordered = await flags.ReorderEnvironmentsAsync(project, order, http.User.ToChangeContext(ChangeReason.From(http.Request, body.Value)), cancellationToken);
        return TypedResults.Ok(reordered.Select(EnvironmentDto.From).ToList());
    }

    private static async Task<Ok<EnvironmentDto>> GetEnvironmentAsync(string project, string environment, FlagService flags, HttpContext http, CancellationToken cancellationToken)
    {
        var found = (await flags.ListEnvironmentsAsync(project, cancellationToken)).FirstOrDefault(e => e.Key == environment)
            ?? throw new Core.Errors.NotFoundException("Environment", environment);
        Versions.SetETag(http, found.Version);
        return TypedResults.Ok(EnvironmentDto.From(found));
    }

    private static async Task<Created<EnvironmentDto>> CreateEnvironmentAsync(string project, JsonBody<CreateEnvironmentRequest> body, FlagService flags, HttpContext http, CancellationToken cancellationToken)
    {
        var request = body.Value;
        var created = await flags.CreateEnvironmentAsync(
            new NewEnvironment(project, request.Key, request.Name, request.Order, request.Protected), http.User.ToChangeContext(ChangeReason.From(http.Request, body.Value)), cancellationToken);
        Versions.SetETag(http, created.Version);
        return TypedResults.Created($"{AdminApi.Prefix}/projects/{project}/environments/{created.Key}", EnvironmentDto.From(created));
    }

    private static async Task<Ok<EnvironmentDto>> UpdateEnvironmentAsync(string project, string environment, JsonBody<UpdateEnvironmentRequest> body, FlagService flags, HttpContext http, CancellationToken cancellationToken)
    {
        var expected = Versions.RequireIfMatch(http.Request);
        var request = body.Value;
        var updated = await flags.UpdateEnvironmentAsync(
            new EnvironmentUpdate(project, environment, expected, request.Name, request.Order, request.Protected), http.User.ToChangeContext(ChangeReason.From(http.Request, body.Value)), cancellationToken);
        Versions.SetETag(http, updated.Version);
        return TypedResults.Ok(EnvironmentDto.From(updated));
    }
}
