using System.Text.Json;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Targeting;

namespace FlagAdmin.Core.Flags;

/// <summary>
/// Checks flags before anything is written and brings accepted input into its stored form
/// (trimmed text, compact JSON, boolean variants). Throws <see cref="ValidationException"/> with one
/// sentence per problem, keyed by field.
/// </summary>
public static class FlagValidator
{
    public const int MaxDescriptionLength = 2_000;
    public const int MaxTags = 20;
    public const int MaxTagLength = 64;
    public const int MaxVariants = 50;
    public const int MaxValueLength = 32_768;

    /// <summary>
    /// Keys the admin app's and the admin API's addresses use next to flag keys (<c>/projects/{p}/flags/new</c>,
    /// <c>/api/v1/projects/{p}/flags/count</c>), so no flag may take them.
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedKeys = new HashSet<string>(StringComparer.Ordinal) { "new", "toggle", "count" };

    private static string? ReservedKeyProblem(string key) =>
        ReservedKeys.Contains(key) ? $"Key '{key}' is reserved by the addresses of the admin app and API; choose another one." : null;

    public static NewFlag Normalize(NewFlag flag)
    {
        flag = flag with { Key = flag.Key?.Trim() ?? "" };
        var errors = new ValidationErrors();
        errors.Add("key", Slug.Problem(flag.Key, "Key") ?? ReservedKeyProblem(flag.Key));
        var variants = flag.Kind == FlagKind.Boolean
            ? [Variant.On, Variant.Off]
            : NormalizeVariants(flag.Variants, flag.VariantType, errors);
        var normalized = flag with
        {
            Name = flag.Name?.Trim() ?? "",
            Description = flag.Description?.Trim() ?? "",
            VariantType = flag.Kind == FlagKind.Boolean ? VariantType.Boolean : flag.VariantType,
            Variants = variants,
            Tags = NormalizeTags(flag.Tags, errors),
            Owner = NormalizeOwner(flag.Owner, errors),
        };
        errors.Add("name", ProjectValidator.NameProblem(normalized.Name, "Name"));
        errors.Add("description", DescriptionProblem(normalized.Description));
        if (!Enum.IsDefined(flag.Kind))
        {
            errors.Add("kind", "Kind must be boolean or multivariate.");
        }
        errors.ThrowIfAny();
        return normalized;
    }

    public static FlagUpdate Normalize(FlagUpdate update, Flag current)
    {
        var errors = new ValidationErrors();
        var variants = current.Kind == FlagKind.Boolean
            ? current.Variants
            : NormalizeVariants(update.Variants, current.VariantType, errors);
        var normalized = update with
        {
            Name = update.Name?.Trim() ?? "",
            Description = update.Description?.Trim() ?? "",
            Variants = variants,
            Tags = NormalizeTags(update.Tags, errors),
            Owner = NormalizeOwner(update.Owner, errors),
        };
        errors.Add("name", ProjectValidator.NameProblem(normalized.Name, "Name"));
        errors.Add("description", DescriptionProblem(normalized.Description));
        errors.ThrowIfAny();
        return normalized;
    }

    /// <summary>New variants must still cover every variant an environment serves; checked by the store inside the write.</summary>
    public static void EnsureVariantsServeStates(ValueList<Variant> variants, IEnumerable<FlagState> states)
    {
        var keys = variants.Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
        var errors = new ValidationErrors();
        foreach (var state in states)
        {
            foreach (var used in VariantsUsedBy(state).Where(v => !keys.Contains(v)).Distinct())
            {
                errors.Add("variants", $"Variant '{used}' is still served in environment '{state.EnvironmentKey}'; change that first.");
            }
        }
        errors.ThrowIfAny();
    }

    /// <summary>The single-state form of <see cref="EnsureVariantsServeStates"/>, allocation-free when all is well (the toggle path).</summary>
    public static void EnsureVariantsServeState(ValueList<Variant> variants, FlagState state)
    {
        if (!ServesOnlyKnownVariants(variants, state))
        {
            EnsureVariantsServeStates(variants, [state]);
        }
    }

    private static bool ServesOnlyKnownVariants(ValueList<Variant> variants, FlagState state)
    {
        if (!Has(variants, state.OnVariant) || !Has(variants, state.OffVariant))
        {
            return false;
        }
        foreach (var rule in state.Rules)
        {
            if (rule.Variant is not null && !Has(variants, rule.Variant))
            {
                return false;
            }
            foreach (var share in rule.Split)
            {
                if (!Has(variants, share.Variant))
                {
                    return false;
                }
            }
        }
        return true;

        static bool Has(ValueList<Variant> variants, string key)
        {
            foreach (var variant in variants)
            {
                if (variant.Key == key)
                {
                    return true;
                }
            }
            return false;
        }
    }

    public static FlagStateUpdate Normalize(FlagStateUpdate update, Flag flag)
    {
        var errors = new ValidationErrors();
        if (!Percentage.IsValid(update.RolloutBasisPoints))
        {
            errors.Add("rollout", "Rollout must be between 0 and 100 %.");
        }
        errors.Add("onVariant", VariantProblem(flag, update.OnVariant, "The variant served when on"));
        errors.Add("offVariant", VariantProblem(flag, update.OffVariant, "The variant served when off"));
        var rules = TargetingValidator.Normalize(update.Rules, flag, errors);
        string? config = null;
        if (!string.IsNullOrWhiteSpace(update.Config))
        {
            config = JsonText.TryCompact(update.Config, out _, out var problem);
            errors.Add("config", problem is null ? null : $"The config value {problem}.");
            if (config is { Length: > MaxValueLength })
            {
                errors.Add("config", $"The config value may be at most {MaxValueLength} characters long.");
            }
        }
        errors.ThrowIfAny();
        return update with { Rules = rules, Config = config };
    }

    private static IEnumerable<string> VariantsUsedBy(FlagState state)
    {
        yield return state.OnVariant;
        yield return state.OffVariant;
        foreach (var rule in state.Rules)
        {
            if (rule.Variant is not null)
            {
                yield return rule.Variant;
            }
            foreach (var share in rule.Split)
            {
                yield return share.Variant;
            }
        }
    }

    internal static string? VariantProblem(Flag flag, string? variant, string what) =>
        string.IsNullOrEmpty(variant) ? $"{what} is required."
        : flag.FindVariant(variant) is null ? $"{what} must be one of the flag's variants ({string.Join(", ", flag.Variants.Select(v => v.Key))}), not '{variant}'."
        : null;

    private static ValueList<Variant> NormalizeVariants(ValueList<Variant> variants, VariantType type, ValidationErrors errors)
    {
        if (!Enum.IsDefined(type))
        {
            errors.Add("variantType", "Variant type must be boolean, string, number or object.");
            return variants;
        }
        if (variants.Count == 0)
        {
            errors.Add("variants", "A multivariate flag needs at least one variant.");
        }
        if (variants.Count > MaxVariants)
        {
            errors.Add("variants", $"A flag may have at most {MaxVariants} variants.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Variant>(variants.Count);
        foreach (var variant in variants)
        {
            var key = variant.Key?.Trim() ?? "";
            errors.Add("variants", Slug.Problem(key, "Variant key"));
            if (!seen.Add(key))
            {
                errors.Add("variants", $"Variant key '{key}' is used twice.");
            }
            var value = JsonText.TryCompact(variant.Value ?? "", out var kind, out var problem);
            if (problem is not null)
            {
                errors.Add("variants", $"The value of variant '{key}' {problem}.");
            }
            else if (!Matches(kind, type))
            {
                errors.Add("variants", $"The value of variant '{key}' must be {Describe(type)}.");
            }
            else if (value!.Length > MaxValueLength)
            {
                errors.Add("variants", $"The value of variant '{key}' may be at most {MaxValueLength} characters long.");
            }
            var description = string.IsNullOrWhiteSpace(variant.Description) ? null : variant.Description.Trim();
            errors.Add("variants", StoredText.Problem(description, $"The description of variant '{key}'"));
            result.Add(new Variant(key, value ?? variant.Value ?? "", description));
        }
        return result.ToValueList();
    }

    private static bool Matches(JsonValueKind kind, VariantType type) => type switch
    {
        VariantType.Boolean => kind is JsonValueKind.True or JsonValueKind.False,
        VariantType.String => kind is JsonValueKind.String,
        VariantType.Number => kind is JsonValueKind.Number,
        VariantType.Object => kind is JsonValueKind.Object,
        _ => false,
    };

    private static string Describe(VariantType type) => type switch
    {
        VariantType.Boolean => "true or false",
        VariantType.String => "a JSON string such as \"blue\"",
        VariantType.Number => "a number such as 42 or 0.5",
        _ => "a JSON object such as {\"limit\": 10}",
    };

    private static ValueList<string> NormalizeTags(ValueList<string> tags, ValidationErrors errors)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var raw in tags)
        {
            var tag = raw?.Trim().ToLowerInvariant() ?? "";
            if (tag.Length == 0)
            {
                continue;
            }
            if (tag.Length > MaxTagLength || !Slug.IsValid(tag))
            {
                errors.Add("tags", $"Tag '{tag}' may only contain a-z, 0-9, '.', '_' and '-' (at most {MaxTagLength} characters).");
                continue;
            }
            result.Add(tag);
        }
        if (result.Count > MaxTags)
        {
            errors.Add("tags", $"A flag may have at most {MaxTags} tags.");
        }
        return result.ToValueList();
    }

    private static string? NormalizeOwner(string? owner, ValidationErrors errors)
    {
        var trimmed = string.IsNullOrWhiteSpace(owner) ? null : owner.Trim();
        if (trimmed is { Length: > ProjectValidator.MaxNameLength })
        {
            errors.Add("owner", $"Owner may be at most {ProjectValidator.MaxNameLength} characters long.");
        }
        errors.Add("owner", StoredText.NameProblem(trimmed, "Owner"));
        return trimmed;
    }

    private static string? DescriptionProblem(string? description) =>
        description is { Length: > MaxDescriptionLength } ? $"Description may be at most {MaxDescriptionLength} characters long."
        : StoredText.Problem(description, "Description");
}
