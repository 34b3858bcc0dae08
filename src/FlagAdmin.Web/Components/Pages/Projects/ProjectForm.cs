using FlagAdmin.Core.Projects;

namespace FlagAdmin.Web.Components.Pages.Projects;

/// <summary>The new-project form as typed (also what <c>UnsavedEdit</c> keeps across a server restart).</summary>
public sealed class ProjectForm
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Reason { get; set; } = "";
    public bool RequireReason { get; set; }

    /// <summary>The keys of the standard environments to create with the project; all of them until the creator unticks some.</summary>
    public List<string> Environments { get; set; } = [.. EnvironmentTemplate.Standard.Select(e => e.Key)];

    public bool Starts(EnvironmentTemplate environment) => Environments.Contains(environment.Key);

    public void Start(EnvironmentTemplate environment, bool start)
    {
        Environments.Remove(environment.Key);
        if (start)
        {
            Environments.Add(environment.Key);
        }
    }

    public NewProject ToNewProject() => new(Key.Trim(), Name, RequireReason)
    {
        Environments = [.. EnvironmentTemplate.Standard.Where(Starts)],
    };

    public string Describe() => $"New project '{Key.Trim()}' (name {Name.Trim()})";
}
