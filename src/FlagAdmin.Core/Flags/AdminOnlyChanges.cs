using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Targeting;

namespace FlagAdmin.Core.Flags;

/// <summary>
/// Tells which part of a change needs the Admin role when an Editor sends a whole flag or state back:
/// an Editor may turn a flag on or off and edit its name, description, tags and owner, nothing else.
/// </summary>
internal static class AdminOnlyChanges
{
    /// <summary>
    /// What <paramref name="update"/> changes of <paramref name="current"/> besides on/off, as the subject of a
    /// sentence ("Changing the rollout"), or null. Compares what was sent, before validation, so an Editor is
    /// told "not allowed" rather than how to fix a value they may not set; rules and config count as unchanged
    /// when they only differ in form (spacing, trimmed names).
    /// </summary>
    public static string? InState(FlagState current, FlagStateUpdate update, Flag flag)
    {
        if (update.RolloutBasisPoints != current.RolloutBasisPoints)
        {
            return "Changing the rollout";
        }
        if (update.OnVariant != current.OnVariant || update.OffVariant != current.OffVariant)
        {
            return "Changing the served variants";
        }
        if (update.Rules != current.Rules)
        {
            var errors = new ValidationErrors();
            var rules = TargetingValidator.Normalize(update.Rules, flag, errors);
            if (!errors.IsEmpty || rules != current.Rules)
            {
                return "Changing the targeting rules";
            }
        }
        var config = string.IsNullOrWhiteSpace(update.Config) ? null : JsonText.TryCompact(update.Config, out _, out _) ?? update.Config;
        return config != current.Config ? "Changing the config value" : null;
    }

    /// <summary>True when a validated metadata update changes the flag's variants (boolean flags keep theirs anyway).</summary>
    public static bool InVariants(Flag current, FlagUpdate normalized) => normalized.Variants != current.Variants;
}
