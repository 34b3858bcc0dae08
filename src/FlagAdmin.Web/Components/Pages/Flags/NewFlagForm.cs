using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Web.Components.Pages.Flags;

/// <summary>What the create-flag form posts. Variant values are typed as a person would write them and made JSON here.</summary>
public sealed class NewFlagForm
{
    public const int BlankVariantRows = 3;

    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }

    /// <summary>"boolean" or "multivariate".</summary>
    public string? Kind { get; set; } = "boolean";

    /// <summary>"string", "number", "boolean" or "json".</summary>
    public string? VariantType { get; set; } = "string";

    /// <summary>The form binder leaves this null when no variant field was posted.</summary>
    public List<VariantRow>? Variants { get; set; } = [];

    /// <summary>Comma-separated.</summary>
    public string? Tags { get; set; }

    public string? Owner { get; set; }
    public string? Reason { get; set; }

    /// <summary>"add-variant" when the post only asks for one more variant row.</summary>
    public string? Command { get; set; }

    public sealed class VariantRow
    {
        public string? Key { get; set; }
        public string? Value { get; set; }
        public string? Description { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Key) && string.IsNullOrWhiteSpace(Value) && string.IsNullOrWhiteSpace(Description);
    }

    public void FillBlankRows()
    {
        Variants ??= [];
        while (Variants.Count < BlankVariantRows)
        {
            Variants.Add(new VariantRow());
        }
    }

    public NewFlag ToNewFlag(string projectKey)
    {
        var type = VariantType switch
        {
            "number" => Core.Flags.VariantType.Number,
            "boolean" => Core.Flags.VariantType.Boolean,
            "json" => Core.Flags.VariantType.Object,
            _ => Core.Flags.VariantType.String,
        };
        return new NewFlag
        {
            ProjectKey = projectKey,
            Key = Key ?? "",
            Name = Name ?? "",
            Description = Description,
            Kind = Kind == "multivariate" ? FlagKind.Multivariate : FlagKind.Boolean,
            VariantType = type,
            Variants = (Variants ?? []).Where(v => !v.IsBlank)
                .Select(v => new Variant(v.Key?.Trim() ?? "", VariantValueText.ToJson(v.Value, type), v.Description))
                .ToValueList(),
            Tags = (Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToValueList(),
            Owner = Owner,
        };
    }
}
