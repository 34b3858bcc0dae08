using FlagAdmin.Core.Projects;
using FlagAdmin.Web.Api.Http;

namespace FlagAdmin.Web.Api.Projects;

public sealed record ProjectDto(
    string Key, string Name, bool RequireReasonInProtectedEnvironments,
    string CreatedBy, DateTimeOffset CreatedAt, string UpdatedBy, DateTimeOffset UpdatedAt, uint Version)
{
    public static ProjectDto From(Project p) =>
        new(p.Key, p.Name, p.RequireReasonInProtectedEnvironments, p.CreatedBy, p.CreatedAt, p.UpdatedBy, p.UpdatedAt, p.Version);
}

/// <summary>
/// A new project. <see cref="Environments"/> are created with it, in that order and in the same transaction; left out,
/// the project starts with none (the admin app offers development, staging and production instead).
/// </summary>
public sealed record CreateProjectRequest(
    string Key, string Name, bool RequireReasonInProtectedEnvironments = false,
    IReadOnlyList<NewProjectEnvironmentDto>? Environments = null, string? Reason = null) : IChangeRequest;

public sealed record NewProjectEnvironmentDto(string Key, string Name, bool Protected = false);

/// <summary>The project's settings as a whole (PUT); the key never changes.</summary>
public sealed record UpdateProjectRequest(string Name, bool RequireReasonInProtectedEnvironments, string? Reason = null) : IChangeRequest;

public sealed record EnvironmentDto(
    string Key, string Name, int Order, bool Protected,
    string CreatedBy, DateTimeOffset CreatedAt, string UpdatedBy, DateTimeOffset UpdatedAt, uint Version)
{
    public static EnvironmentDto From(ProjectEnvironment e) =>
        new(e.Key, e.Name, e.Order, e.Protected, e.CreatedBy, e.CreatedAt, e.UpdatedBy, e.UpdatedAt, e.Version);
}

public sealed record CreateEnvironmentRequest(string Key, string Name, int Order = 0, bool Protected = false, string? Reason = null) : IChangeRequest;

/// <summary>The environment's settings as a whole (PUT); the key never changes.</summary>
public sealed record UpdateEnvironmentRequest(string Name, int Order, bool Protected, string? Reason = null) : IChangeRequest;

/// <summary>
/// The project's environments in a new order (PUT): every environment once, each with the version (ETag) it was read
/// at; a list that is not current anymore is refused whole.
/// </summary>
public sealed record ReorderEnvironmentsRequest(IReadOnlyList<EnvironmentPositionDto> Environments, string? Reason = null) : IChangeRequest;

public sealed record EnvironmentPositionDto(string Key, uint Version);
