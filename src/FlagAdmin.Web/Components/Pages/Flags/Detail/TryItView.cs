using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;

namespace FlagAdmin.Web.Components.Pages.Flags.Detail;

/// <summary>The "try it" box: the form as typed, and the result or the problem of the last evaluation.</summary>
public sealed record TryItView
{
    public required Flag Flag { get; init; }
    public required IReadOnlyList<ProjectEnvironment> Environments { get; init; }
    public required TryItForm Form { get; init; }
    public TryItResult? Result { get; init; }
    public string? Problem { get; init; }
}
