using FlagAdmin.Core.Errors;

namespace FlagAdmin.Core.Projects;

/// <summary>
/// Works out a reorder of a project's environments: the wanted order must name each environment exactly once, each
/// at the version its caller saw. The positions handed out are the ones the environments hold now, in the new order
/// (so only environments whose position changes are written); when two hold the same position, they are numbered
/// 1, 2, 3 … instead.
/// </summary>
internal static class EnvironmentOrder
{
    /// <param name="current">The project's environments as stored, in their order.</param>
    /// <returns>The updates that put the environments in the wanted order; none when it is the order already.</returns>
    public static IReadOnlyList<EnvironmentUpdate> Plan(string projectKey, IReadOnlyList<ProjectEnvironment> current, IReadOnlyList<EnvironmentPosition> wanted)
    {
        var byKey = current.ToDictionary(e => e.Key, StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var errors = new ValidationErrors();
        foreach (var position in wanted)
        {
            var key = position.Key ?? "";
            errors.Add("environments",
                !byKey.ContainsKey(key) ? $"Project '{projectKey}' has no environment '{key}'."
                : !listed.Add(key) ? $"Environment '{key}' is listed twice."
                : null);
        }
        var missing = current.Where(e => !listed.Contains(e.Key)).Select(e => e.Key).ToList();
        if (missing.Count > 0)
        {
            errors.Add("environments", $"List every environment of project '{projectKey}' once, in the new order; missing: {string.Join(", ", missing)}.");
        }
        errors.ThrowIfAny();

        var stale = wanted.Select(p => byKey[p.Key]).Where((e, i) => e.Version != wanted[i].ExpectedVersion).MaxBy(e => e.UpdatedAt);
        if (stale is not null)
        {
            throw Conflict(projectKey, current, stale);
        }
        var positions = current.Select(e => e.Order).Order().ToList();
        if (positions.Distinct().Count() != positions.Count)
        {
            positions = Enumerable.Range(1, positions.Count).ToList();
        }
        return wanted.Select((p, i) => (Environment: byKey[p.Key], Order: positions[i]))
            .Where(e => e.Environment.Order != e.Order)
            .Select(e => new EnvironmentUpdate(projectKey, e.Environment.Key, e.Environment.Version, e.Environment.Name, e.Order, e.Environment.Protected))
            .ToList();
    }

    /// <summary>The environments changed since the caller saw them: the conflict carries all of them as they are now.</summary>
    public static VersionConflictException Conflict(string projectKey, IReadOnlyList<ProjectEnvironment> current, ProjectEnvironment changed) =>
        new("Environment list of project", projectKey, current, changed.UpdatedBy, changed.UpdatedAt);
}
