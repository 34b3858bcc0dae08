using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Web.Components.Pages.Flags;

/// <summary>
/// The new-flag form as typed (also what <c>UnsavedEdit</c> keeps across a server restart). Variant values are typed
/// as a person would write them and made JSON here.
/// </summary>
public sealed class NewFlagForm
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>"boolean" or "multivariate".</summary>
    public string Kind { get; set; } = Boolean;

    /// <summary>"string", "number", "boolean" or "json".</summary>
    public string VariantType { get; set; } = "string";

    /// <summary>Two blank rows to start with; blank rows are ignored.</summary>
    public List<VariantRow> Variants { get; set; } = [new(), new()];

    /// <summary>Comma-separated.</summary>
    public string Tags { get; set; } = "";

    public string Owner { get; set; } = "";
    public string Reason { get; set; } = "";

    public const string Boolean = "boolean";
    public const string Multivariate = "multivariate";

    public bool IsMultivariate => Kind == Multivariate;

    public sealed class VariantRow
    {
        public string? Key { get; set; }
        public string? Value { get; set; }
        public string? Description { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Key) && string.IsNullOrWhiteSpace(Value) && string.IsNullOrWhiteSpace(Description);
    }

    public VariantType TypeOfValues => VariantType switch
    {
        "number" => Core.Flags.VariantType.Number,
        "boolean" => Core.Flags.VariantType.Boolean,
        "json" => Core.Flags.VariantType.Object,
        _ => Core.Flags.VariantType.String,
    };

    public NewFlag ToNewFlag(string projectKey)
    {
        var type = TypeOfValues;
        return new NewFlag
        {
            ProjectKey = projectKey,
            Key = Key.Trim(),
            Name = Name,
            Description = string.IsNullOrWhiteSpace(Description) ? null : Description,
            Kind = IsMultivariate ? FlagKind.Multivariate : FlagKind.Boolean,
            VariantType = type,
            Variants = IsMultivariate
                ? Variants.Where(v => !v.IsBlank)
                    .Select(v => new Variant(v.Key?.Trim() ?? "", VariantValueText.ToJson(v.Value, type), string.IsNullOrWhiteSpace(v.Description) ? null : v.Description))
                    .ToValueList()
                : [],
            Tags = Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToValueList(),
            Owner = string.IsNullOrWhiteSpace(Owner) ? null : Owner,
        };
    }

    public string Describe() => $"New flag '{Key.Trim()}' (name {Name.Trim()})";
}
