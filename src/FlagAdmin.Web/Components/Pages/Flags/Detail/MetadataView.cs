using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Users;

namespace FlagAdmin.Web.Components.Pages.Flags.Detail;

/// <summary>The flag's name, description, tags, owner and (multivariate flags) variants as the form shows them, with the outcome of the last post.</summary>
public sealed record MetadataView
{
    public required Flag Flag { get; init; }
    public required Role Role { get; init; }

    /// <summary>The user's role may not make the change they posted; the answer's status is 403.</summary>
    public bool Refused { get; init; }
    public uint Version { get; init; }
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";

    /// <summary>Comma-separated, as typed.</summary>
    public string Tags { get; init; } = "";

    public string Owner { get; init; } = "";

    /// <summary>A multivariate flag's variant rows as typed (values in <see cref="VariantValueText"/> form).</summary>
    public IReadOnlyList<NewFlagForm.VariantRow> Variants { get; init; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();
    public string? Problem { get; init; }
    public string? Note { get; init; }

    public bool CanEdit => Permissions.Allows(Role, Role.Editor);

    /// <summary>FlagService refuses variant changes below Admin anyway; the form just does not offer them.</summary>
    public bool CanEditVariants => Flag.Kind == FlagKind.Multivariate && Permissions.Allows(Role, Role.Admin);

    public string[] ErrorsFor(string field) => Errors.TryGetValue(field, out var messages) ? messages : [];

    public static MetadataView Of(Flag flag, Role role) => new()
    {
        Flag = flag,
        Role = role,
        Version = flag.Version,
        Name = flag.Name,
        Description = flag.Description,
        Tags = string.Join(", ", flag.Tags),
        Owner = flag.Owner ?? "",
        Variants = flag.Variants.Select(v => new NewFlagForm.VariantRow { Key = v.Key, Value = VariantValueText.ToTyped(v.Value, flag.VariantType), Description = v.Description }).ToList(),
    };
}
