using FlagAdmin.Core.Common;

namespace FlagAdmin.Core.Flags;

/// <summary>A flag's project-wide definition. Its per-environment behaviour lives in <see cref="FlagState"/>.</summary>
public sealed record Flag
{
    public required string ProjectKey { get; init; }

    /// <summary>Unique per project and never changed after creation.</summary>
    public required string Key { get; init; }

    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public FlagKind Kind { get; init; }
    public VariantType VariantType { get; init; }

    /// <summary>The values the flag can serve; for a boolean flag exactly "on" (true) and "off" (false).</summary>
    public ValueList<Variant> Variants { get; init; }

    public ValueList<string> Tags { get; init; }
    public string? Owner { get; init; }
    public bool Archived { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string UpdatedBy { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public uint Version { get; init; }

    public Variant? FindVariant(string key)
    {
        foreach (var variant in Variants)
        {
            if (variant.Key == key)
            {
                return variant;
            }
        }
        return null;
    }
}

public enum FlagKind
{
    Boolean,
    Multivariate,
}

public enum VariantType
{
    Boolean,
    String,
    Number,
    Object,
}

/// <summary>One value a flag can serve. <see cref="Value"/> is compact JSON text of the flag's <see cref="VariantType"/>.</summary>
public sealed record Variant(string Key, string Value, string? Description = null)
{
    public static readonly Variant On = new("on", "true");
    public static readonly Variant Off = new("off", "false");
}
