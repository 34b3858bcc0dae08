using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;

namespace FlagAdmin.Core.Projects;

public static class ProjectValidator
{
    public const int MaxNameLength = 200;

    public static void Validate(NewProject project)
    {
        var errors = new ValidationErrors();
        errors.Add("key", Slug.Problem(project.Key, "Project key"));
        errors.Add("name", NameProblem(project.Name, "Project name"));
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < project.Environments.Count; i++)
        {
            var environment = project.Environments[i];
            errors.Add($"environments[{i}].key", Slug.Problem(environment.Key, "Environment key")
                ?? (keys.Add(environment.Key) ? null : $"Environment '{environment.Key}' is listed twice."));
            errors.Add($"environments[{i}].name", NameProblem(environment.Name, "Environment name"));
        }
        errors.ThrowIfAny();
    }

    public static void Validate(ProjectUpdate update)
    {
        var errors = new ValidationErrors();
        errors.Add("name", NameProblem(update.Name, "Project name"));
        errors.ThrowIfAny();
    }

    public static void Validate(NewEnvironment environment)
    {
        var errors = new ValidationErrors();
        errors.Add("key", Slug.Problem(environment.Key, "Environment key"));
        errors.Add("name", NameProblem(environment.Name, "Environment name"));
        errors.Add("order", OrderProblem(environment.Order));
        errors.ThrowIfAny();
    }

    public static void Validate(EnvironmentUpdate update)
    {
        var errors = new ValidationErrors();
        errors.Add("name", NameProblem(update.Name, "Environment name"));
        errors.Add("order", OrderProblem(update.Order));
        errors.ThrowIfAny();
    }

    internal static string? NameProblem(string? name, string what) =>
        string.IsNullOrWhiteSpace(name) ? $"{what} is required."
        : name.Length > MaxNameLength ? $"{what} may be at most {MaxNameLength} characters long."
        : StoredText.NameProblem(name, what);

    private static string? OrderProblem(int order) =>
        order is < 0 or > 10_000 ? "Order must be between 0 and 10000." : null;
}
