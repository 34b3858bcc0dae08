using FlagAdmin.Core.Audit;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Targeting;
using FlagAdmin.Storage.Postgres.Audit;
using FlagAdmin.Storage.Postgres.Flags;
using FlagAdmin.Storage.Postgres.Projects;

namespace FlagAdmin.Storage.Postgres;

/// <summary>Between domain values and rows. Structured values travel as JSON in the one shape of <see cref="FlagAdminJson"/>.</summary>
internal static class RowMapping
{
    public static Project ToDomain(ProjectRow row) => new()
    {
        Key = row.Key,
        Name = row.Name,
        RequireReasonInProtectedEnvironments = row.RequireReasonInProtectedEnvironments,
        CreatedBy = row.CreatedBy,
        CreatedAt = row.CreatedAt,
        UpdatedBy = row.UpdatedBy,
        UpdatedAt = row.UpdatedAt,
        Version = row.Version,
    };

    public static ProjectRow ToRow(Project project) => new()
    {
        Key = project.Key,
        Name = project.Name,
        RequireReasonInProtectedEnvironments = project.RequireReasonInProtectedEnvironments,
        CreatedBy = project.CreatedBy,
        CreatedAt = project.CreatedAt,
        UpdatedBy = project.UpdatedBy,
        UpdatedAt = project.UpdatedAt,
        Version = project.Version,
    };

    public static ProjectEnvironment ToDomain(EnvironmentRow row) => new()
    {
        ProjectKey = row.ProjectKey,
        Key = row.Key,
        Name = row.Name,
        Order = row.Order,
        Protected = row.Protected,
        CreatedBy = row.CreatedBy,
        CreatedAt = row.CreatedAt,
        UpdatedBy = row.UpdatedBy,
        UpdatedAt = row.UpdatedAt,
        Version = row.Version,
    };

    public static EnvironmentRow ToRow(ProjectEnvironment environment) => new()
    {
        ProjectKey = environment.ProjectKey,
        Key = environment.Key,
        Name = environment.Name,
        Order = environment.Order,
        Protected = environment.Protected,
        CreatedBy = environment.CreatedBy,
        CreatedAt = environment.CreatedAt,
        UpdatedBy = environment.UpdatedBy,
        UpdatedAt = environment.UpdatedAt,
        Version = environment.Version,
    };

    public static Flag ToDomain(FlagRow row) => new()
    {
        ProjectKey = row.ProjectKey,
        Key = row.Key,
        Name = row.Name,
        Description = row.Description,
        Kind = row.Kind,
        VariantType = row.VariantType,
        Variants = ReadVariants(row.Variants),
        Tags = row.Tags.ToValueList(),
        Owner = row.Owner,
        Archived = row.Archived,
        CreatedBy = row.CreatedBy,
        CreatedAt = row.CreatedAt,
        UpdatedBy = row.UpdatedBy,
        UpdatedAt = row.UpdatedAt,
        Version = row.Version,
    };

    public static FlagRow ToRow(Flag flag) => new()
    {
        ProjectKey = flag.ProjectKey,
        Key = flag.Key,
        Name = flag.Name,
        Description = flag.Description,
        Kind = flag.Kind,
        VariantType = flag.VariantType,
        Variants = FlagAdminJson.Serialize(flag.Variants),
        Tags = [.. flag.Tags],
        Owner = flag.Owner,
        Archived = flag.Archived,
        CreatedBy = flag.CreatedBy,
        CreatedAt = flag.CreatedAt,
        UpdatedBy = flag.UpdatedBy,
        UpdatedAt = flag.UpdatedAt,
        Version = flag.Version,
    };

    public static ValueList<Variant> ReadVariants(string json) => FlagAdminJson.Deserialize<ValueList<Variant>>(json);

    public static FlagState ToDomain(FlagStateRow row) => new()
    {
        ProjectKey = row.ProjectKey,
        FlagKey = row.FlagKey,
        EnvironmentKey = row.EnvironmentKey,
        Enabled = row.Enabled,
        RolloutBasisPoints = row.RolloutBasisPoints,
        OnVariant = row.OnVariant,
        OffVariant = row.OffVariant,
        Rules = FlagAdminJson.Deserialize<ValueList<TargetingRule>>(row.Rules),
        Config = row.Config,
        UpdatedBy = row.UpdatedBy,
        UpdatedAt = row.UpdatedAt,
        Version = row.Version,
    };

    public static FlagStateRow ToRow(FlagState state) => new()
    {
        ProjectKey = state.ProjectKey,
        FlagKey = state.FlagKey,
        EnvironmentKey = state.EnvironmentKey,
        Enabled = state.Enabled,
        RolloutBasisPoints = state.RolloutBasisPoints,
        OnVariant = state.OnVariant,
        OffVariant = state.OffVariant,
        Rules = FlagAdminJson.Serialize(state.Rules),
        Config = state.Config,
        UpdatedBy = state.UpdatedBy,
        UpdatedAt = state.UpdatedAt,
        Version = state.Version,
    };

    public static AuditEntry ToDomain(AuditEntryRow row) => new()
    {
        Id = row.Id,
        At = row.At,
        Actor = row.Actor,
        Action = row.Action,
        ProjectKey = row.ProjectKey,
        EnvironmentKey = row.EnvironmentKey,
        FlagKey = row.FlagKey,
        Before = row.Before,
        After = row.After,
        Reason = row.Reason,
        Via = row.Via,
    };

    public static AuditEntryRow ToRow(AuditEntry entry) => new()
    {
        At = entry.At,
        Actor = entry.Actor,
        Action = entry.Action,
        ProjectKey = entry.ProjectKey,
        EnvironmentKey = entry.EnvironmentKey,
        FlagKey = entry.FlagKey,
        Before = entry.Before,
        After = entry.After,
        Reason = entry.Reason,
        Via = entry.Via,
    };
}
