using FlagAdmin.Core.Common;
using FlagAdmin.Core.Errors;
using FlagAdmin.Core.Flags;
using FlagAdmin.Web.Components.Shared;

namespace FlagAdmin.Web.Components.Pages.Flags.Detail;

/// <summary>An environment's stored state against the panel's form, field by field, for <see cref="ConflictDialog"/>.</summary>
public static class PanelConflict
{
    public static IReadOnlyList<ConflictRow> Rows(FlagState theirs, PanelForm yours) =>
    [
        new("On/off", theirs.Enabled ? "on" : "off", yours.Enabled ? "on" : "off"),
        new("Rollout", $"{theirs.Rollout} %", $"{yours.Rollout} %"),
        new("Served when on", theirs.OnVariant, yours.OnVariant),
        new("Served when off", theirs.OffVariant, yours.OffVariant),
        new("Targeting rules", RuleText.Describe(theirs.Rules), YourRules(yours)),
        new("Config", theirs.Config ?? "(none)", string.IsNullOrWhiteSpace(yours.Config) ? "(none)" : JsonText.TryCompact(yours.Config, out _, out _) ?? yours.Config.Trim()),
    ];

    // Your rules as you edited them; when they do not read yet, say so rather than guess.
    private static string YourRules(PanelForm yours)
    {
        var errors = new ValidationErrors();
        var rules = yours.Rules.Select((rule, i) => rule.ToRule($"Rule {i + 1}", errors)).ToValueList();
        return errors.IsEmpty ? RuleText.Describe(rules) : "(rules with problems, see the panel)";
    }
}
