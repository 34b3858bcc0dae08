namespace FlagAdmin.Core.Audit;

/// <summary>
/// One change, written in the same transaction as the change itself and never altered afterwards.
/// <see cref="Before"/> and <see cref="After"/> are the changed object as JSON (null when it did not exist).
/// </summary>
public sealed record AuditEntry
{
    /// <summary>Increases with every entry of a store; newest first means highest id first.</summary>
    public long Id { get; init; }

    public required DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public required AuditAction Action { get; init; }
    public required string ProjectKey { get; init; }
    public string? EnvironmentKey { get; init; }
    public string? FlagKey { get; init; }
    public string? Before { get; init; }
    public string? After { get; init; }
    public string? Reason { get; init; }

    /// <summary>How the actor reached FlagAdmin when not through the browser (e.g. <c>token 'ci-deploy'</c>).</summary>
    public string? Via { get; init; }
}

public enum AuditAction
{
    ProjectCreated,
    ProjectUpdated,
    EnvironmentCreated,
    EnvironmentUpdated,
    FlagCreated,
    FlagUpdated,
    FlagArchived,
    FlagUnarchived,
    FlagDeleted,
    FlagToggled,
    RolloutChanged,
    TargetingChanged,
    VariantsServedChanged,
    ConfigChanged,
    FlagStateChanged,
    SdkKeyCreated,
    SdkKeyRevoked,
    UserCreated,
    UserUpdated,
    AccessTokenCreated,
    AccessTokenRevoked,
}
