namespace FlagAdmin.Core.Transfer;

public enum ImportOutcome
{
    Created,
    Changed,
    Unchanged,
}

/// <summary>
/// What an import did (or, in a dry run, would do): per project, environment, flag and flag-environment.
/// <see cref="Writes"/> counts the changes, each of which is one audit entry. <see cref="Plan"/> names exactly
/// these changes from exactly this starting point: an apply given it is refused when it would now do anything else.
/// </summary>
public sealed record ImportReport(
    bool DryRun, ImportOutcome Project, IReadOnlyList<EnvironmentImport> Environments, IReadOnlyList<FlagImport> Flags, int Writes, string Plan)
{
    /// <summary>Environments that are protected once imported: as the document says, or as the project has them where the document leaves one out.</summary>
    public IReadOnlyList<string> ProtectedEnvironments { get; init; } = [];

    /// <summary>
    /// Environments protected before or after the import that it creates or changes, or whose flag states it creates
    /// or changes, in the report's order: what an apply from the admin app asks its user to confirm.
    /// </summary>
    public IReadOnlyList<string> ProtectedEnvironmentsChanged { get; init; } = [];
}

public sealed record EnvironmentImport(string Key, ImportOutcome Outcome);

/// <summary><see cref="Outcome"/> is the flag's definition (metadata, variants, archived); <see cref="Environments"/> its states.</summary>
public sealed record FlagImport(string Key, ImportOutcome Outcome, IReadOnlyList<EnvironmentImport> Environments);
