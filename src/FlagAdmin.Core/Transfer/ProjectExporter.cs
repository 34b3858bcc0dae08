using System.Text.Json;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Core.Transfer;

/// <summary>Reads a whole project into a <see cref="ProjectDocument"/>: environments in order, flags (archived ones too) by key.</summary>
public sealed class ProjectExporter(FlagService flags, TimeProvider time)
{
    public async Task<ProjectDocument> ExportAsync(string projectKey, CancellationToken cancellationToken = default)
    {
        var project = await flags.GetProjectAsync(projectKey, cancellationToken);
        var environments = await flags.ListEnvironmentsAsync(projectKey, cancellationToken);
        var exported = new List<DocumentFlag>();
        for (var offset = 0; ; offset += FlagQuery.MaxLimit)
        {
            var page = await flags.ListFlagsAsync(new FlagQuery { ProjectKey = projectKey, Archived = null, Offset = offset, Limit = FlagQuery.MaxLimit }, cancellationToken);
            exported.AddRange(page.Items.Select(ToDocument));
            if (!page.HasMore)
            {
                break;
            }
        }
        return new ProjectDocument
        {
            FormatVersion = ProjectDocument.CurrentFormatVersion,
            ExportedAt = time.GetUtcNow(),
            Project = new DocumentProject(project.Key, project.Name, project.RequireReasonInProtectedEnvironments),
            Environments = environments.Select(e => new DocumentEnvironment(e.Key, e.Name, e.Order, e.Protected)).ToList(),
            Flags = exported.OrderBy(f => f.Key, StringComparer.Ordinal).ToList(),
        };
    }

    public static DocumentFlag ToDocument(FlagDetails details) => new()
    {
        Key = details.Flag.Key,
        Name = details.Flag.Name,
        Description = details.Flag.Description,
        Kind = details.Flag.Kind,
        VariantType = details.Flag.VariantType,
        Variants = details.Flag.Variants.Select(v => new DocumentVariant(v.Key, Parse(v.Value), v.Description)).ToList(),
        Tags = details.Flag.Tags.ToList(),
        Owner = details.Flag.Owner,
        Archived = details.Flag.Archived,
        Environments = details.States.ToDictionary(s => s.EnvironmentKey, ToDocument, StringComparer.Ordinal),
    };

    private static DocumentState ToDocument(FlagState state) => new()
    {
        Enabled = state.Enabled,
        RolloutBasisPoints = state.RolloutBasisPoints,
        OnVariant = state.OnVariant,
        OffVariant = state.OffVariant,
        Rules = state.Rules,
        Config = state.Config is null ? null : Parse(state.Config),
    };

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
