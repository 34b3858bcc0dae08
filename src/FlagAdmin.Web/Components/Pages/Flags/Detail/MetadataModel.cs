using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Web.Components.Shared;

namespace FlagAdmin.Web.Components.Pages.Flags.Detail;

/// <summary>
/// A flag's name, description, tags, owner and (multivariate) variants as the details form holds them; a plain class,
/// so <see cref="UnsavedEdit{TModel}"/> can keep it in the tab.
/// </summary>
public sealed class MetadataModel
{
    public uint Version { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>Comma-separated, as typed.</summary>
    public string Tags { get; set; } = "";

    public string Owner { get; set; } = "";

    /// <summary>A multivariate flag's variants; values as typed (<see cref="VariantValueText"/>). A row whose key is cleared is removed.</summary>
    public List<NewFlagForm.VariantRow> Variants { get; set; } = [];

    public string Reason { get; set; } = "";

    public static MetadataModel Of(Flag flag) => new()
    {
        Version = flag.Version,
        Name = flag.Name,
        Description = flag.Description,
        Tags = string.Join(", ", flag.Tags),
        Owner = flag.Owner ?? "",
        Variants = flag.Variants.Select(v => new NewFlagForm.VariantRow { Key = v.Key, Value = VariantValueText.ToTyped(v.Value, flag.VariantType), Description = v.Description }).ToList(),
    };

    public FlagUpdate ToUpdate(Flag stored) => new()
    {
        ProjectKey = stored.ProjectKey,
        Key = stored.Key,
        ExpectedVersion = Version,
        Name = Name,
        Description = Description,
        Variants = stored.Kind == FlagKind.Multivariate ? ToVariants(stored.VariantType) : stored.Variants,
        Tags = Tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToValueList(),
        Owner = string.IsNullOrWhiteSpace(Owner) ? null : Owner,
    };

    public string Describe(string flag) => $"Details of flag {flag} (name {Name})";

    /// <summary>The stored details against these, field by field, for <see cref="ConflictDialog"/>.</summary>
    public IReadOnlyList<ConflictRow> ConflictRows(Flag theirs) =>
    [
        new("Name", theirs.Name, Name),
        new("Description", theirs.Description, Description),
        new("Tags", string.Join(", ", theirs.Tags), Tags),
        new("Owner", theirs.Owner ?? "(none)", string.IsNullOrWhiteSpace(Owner) ? "(none)" : Owner),
        new("Variants", string.Join(", ", theirs.Variants.Select(v => v.Key)), string.Join(", ", Variants.Where(r => !string.IsNullOrWhiteSpace(r.Key)).Select(r => r.Key!.Trim()))),
    ];

    private ValueList<Variant> ToVariants(VariantType type) =>
        Variants.Where(r => !string.IsNullOrWhiteSpace(r.Key))
            .Select(r => new Variant(r.Key!.Trim(), VariantValueText.ToJson(r.Value, type), string.IsNullOrWhiteSpace(r.Description) ? null : r.Description.Trim()))
            .ToValueList();
}
