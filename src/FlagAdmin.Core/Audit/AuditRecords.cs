using System.Text.Json;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Core.Audit;

/// <summary>Builds audit entries the same way for every store, so both record identical before/after JSON.</summary>
public static class AuditRecords
{
    public static AuditEntry Create<T>(
        AuditAction action, ChangeContext change, DateTimeOffset at, string projectKey,
        string? environmentKey, string? flagKey, T? before, T? after)
        where T : class =>
        Describe(action, change, at, projectKey, environmentKey, flagKey) with { Before = ToJson(before), After = ToJson(after) };

    /// <summary>An entry without its before/after JSON, for a store that fills those in later from the same immutable values.</summary>
    public static AuditEntry Describe(AuditAction action, ChangeContext change, DateTimeOffset at, string projectKey, string? environmentKey, string? flagKey) => new()
    {
        At = at,
        Actor = change.Actor,
        Action = action,
        ProjectKey = projectKey,
        EnvironmentKey = environmentKey,
        FlagKey = flagKey,
        Reason = change.Reason,
        Via = change.Via,
    };

    /// <summary>The before/after form of a changed object: its JSON without versions.</summary>
    public static string? ToJson<T>(T? value) where T : class =>
        value is null ? null : JsonSerializer.Serialize(value, FlagAdminJson.AuditOptions);

    /// <summary>Names a state change by what it touched; a change of several aspects is a general state change.</summary>
    public static AuditAction ActionFor(FlagState before, FlagState after)
    {
        var toggled = before.Enabled != after.Enabled;
        var rollout = before.RolloutBasisPoints != after.RolloutBasisPoints;
        var targeting = before.Rules != after.Rules;
        var variants = before.OnVariant != after.OnVariant || before.OffVariant != after.OffVariant;
        var config = before.Config != after.Config;
        var count = (toggled ? 1 : 0) + (rollout ? 1 : 0) + (targeting ? 1 : 0) + (variants ? 1 : 0) + (config ? 1 : 0);
        return count != 1 ? AuditAction.FlagStateChanged
            : toggled ? AuditAction.FlagToggled
            : rollout ? AuditAction.RolloutChanged
            : targeting ? AuditAction.TargetingChanged
            : variants ? AuditAction.VariantsServedChanged
            : AuditAction.ConfigChanged;
    }
}
